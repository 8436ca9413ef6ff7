package io.clusterdns.plugin.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class LogFormatTest {
  private static final long START = 5_000_000_000L;

  @Test
  void commonLogFormatReadsLikeCoreDns() throws Exception {
    Request request = request("example.org.", Type.A, "127.0.0.1", Transport.UDP, 4096, false);
    Message reply = Replies.authoritative(request);
    reply.addRecord(new ARecord(Name.fromString("example.org."), DClass.IN, 60, InetAddress.getByName("10.0.0.1")), Section.ANSWER);

    String line = LogFormat.parse(LogFormat.COMMON).format(request, reply, START + 123_000);

    // query: 12 header + 17 question + 11 OPT; reply: 12 + 17 + 16 (compressed A record)
    assertEquals("127.0.0.1:40212 - 22011 \"A IN example.org. udp 40 false 4096\" NOERROR qr,aa,rd 45 0.000123s", line);
  }

  @Test
  void combinedFormatAddsTheOpcodeAndIpv6RemotesAreBracketed() {
    Request request = request("Big.Example.", Type.AAAA, "2001:db8:0:0:1:0:0:1", Transport.TCP, 0, false);
    Message reply = Replies.error(request, Rcode.NXDOMAIN);

    String line = LogFormat.parse("{combined}").format(request, reply, START + 2_500_000_000L);

    assertEquals(
        "[2001:db8::1:0:0:1]:40212 - 22011 \"AAAA IN Big.Example. tcp 29 false 65535\" NXDOMAIN qr,rd 29 2.5s \"0\"",
        line);
  }

  @Test
  void failedChainHasNoReplyValues() {
    Request request = request("example.org.", Type.A, "10.0.0.9", Transport.UDP, 0, false);

    String line = LogFormat.parse("{rcode} {>rflags} {rsize} {duration} {/meta}").format(request, null, START);

    assertEquals("NOERROR - 0 0s -", line);
  }

  @Test
  void headerPlaceholdersIgnoreCaseAndReportDnssecOkAndBufferSize() {
    Request request = request("example.org.", Type.DS, "10.0.0.9", Transport.UDP, 1232, true);

    String line = LogFormat.parse("{>ID} {>Do} {>BUFSIZE} {>opcode}").format(request, null, START);

    assertEquals("22011 true 1232 0", line);
  }

  @Test
  void udpWithoutEdnsAdvertisesTheMinimumOf512() {
    Request request = request("example.org.", Type.A, "10.0.0.9", Transport.UDP, 0, false);

    assertEquals("512", LogFormat.parse("{>bufsize}").format(request, null, START));
  }

  @Test
  void unknownRcodesPrintAsNumbersAndAllFlagsInCoreDnsOrder() {
    Request request = request("example.org.", Type.A, "10.0.0.9", Transport.UDP, 0, false);
    Message reply = Replies.error(request, 13);
    for (int flag : new int[] {Flags.AA, Flags.TC, Flags.RA, 9, Flags.AD, Flags.CD}) {
      reply.getHeader().setFlag(flag);
    }

    assertEquals("13 qr,aa,tc,rd,ra,z,ad,cd", LogFormat.parse("{rcode} {>rflags}").format(request, reply, START));
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "{proto} Request: {name} {type} {>id} => udp Request: example.org. A 22011",
        "{unknown} {type} => {unknown} A",
        "{ {type} } => { A }",
        "} {class} { => } IN {",
        "no placeholders => no placeholders",
        "{remote}{port} => 10.0.0.940212",
      })
  void literalTextAndUnknownWordsAreKept(String format, String expected) {
    Request request = request("example.org.", Type.A, "10.0.0.9", Transport.UDP, 0, false);

    assertEquals(expected, LogFormat.parse(format).format(request, null, START));
  }

  static Request request(String name, int type, String remote, Transport transport, int udpSize, boolean dnssecOk) {
    try {
      Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
      query.getHeader().setID(22011);
      query.getHeader().setOpcode(Opcode.QUERY);
      if (udpSize > 0) {
        query.addRecord(new OPTRecord(udpSize, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
      }
      return new Request(query, new InetSocketAddress(InetAddress.getByName(remote), 40212), transport, ".", START);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
