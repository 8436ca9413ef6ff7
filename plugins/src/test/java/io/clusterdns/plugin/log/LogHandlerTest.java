package io.clusterdns.plugin.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class LogHandlerTest {
  private final List<String> lines = new ArrayList<>();
  private boolean enabled = true;
  private final QueryLogSink sink =
      new QueryLogSink() {
        @Override
        public boolean enabled() {
          return enabled;
        }

        @Override
        public void write(String line) {
          lines.add(line);
        }
      };

  @Test
  void logsTheAnsweredQueryAndReturnsTheReplyUnchanged() throws Exception {
    LogHandler handler = handler(List.of(Name.root), Set.of(ResponseClass.ALL));
    Request request = Queries.request("example.org.", Type.A);
    Message answer = Replies.authoritative(request);

    Message reply = handler.serve(request, r -> answer);

    assertSame(answer, reply);
    assertEquals(List.of("A example.org. NOERROR qr,aa,rd"), lines);
  }

  @Test
  void namesOutsideTheListedZonesAreNotLogged() throws Exception {
    LogHandler handler = handler(List.of(Queries.name("example.org."), Queries.name("example.net.")), Set.of(ResponseClass.ALL));
    RecordingChain next = RecordingChain.answering();

    handler.serve(Queries.request("www.Example.NET.", Type.A), next);
    handler.serve(Queries.request("example.com.", Type.A), next);
    handler.serve(Queries.request("notexample.org.", Type.A), next);

    assertEquals(3, next.calls());
    assertEquals(List.of("A www.Example.NET. NOTIMP qr,rd"), lines);
  }

  @ParameterizedTest
  @CsvSource({
    "NOERROR, answer, success",
    "NOERROR, '', success",
    "NOERROR, soa, denial",
    "NOERROR, ns, success",
    "NXDOMAIN, soa, denial",
    "NXDOMAIN, '', denial",
    "SERVFAIL, '', error",
    "REFUSED, '', error",
    "NOTIMP, '', error",
    "FORMERR, '', error",
  })
  void classifiesRepliesAsCoreDnsDoes(String rcode, String content, String expected) throws Exception {
    Request request = Queries.request("example.org.", Type.A);
    Message reply = Replies.error(request, Rcode.value(rcode));
    switch (content) {
      case "answer" -> reply.addRecord(Record.fromString(request.qname(), Type.A, 1, 60, "10.0.0.1", Name.root), Section.ANSWER);
      case "soa" -> reply.addRecord(
          Record.fromString(Name.fromString("org."), Type.SOA, 1, 60, "ns.org. host.org. 1 2 3 4 5", Name.root),
          Section.AUTHORITY);
      case "ns" -> reply.addRecord(
          Record.fromString(request.qname(), Type.NS, 1, 60, "ns.example.org.", Name.root), Section.AUTHORITY);
      default -> { }
    }
    for (ResponseClass c : EnumSet.complementOf(EnumSet.of(ResponseClass.ALL))) {
      lines.clear();
      handler(List.of(Name.root), Set.of(c)).serve(request, r -> reply);
      assertEquals(c.name().equalsIgnoreCase(expected) ? 1 : 0, lines.size(), c + " for " + rcode + "/" + content);
    }
  }

  @Test
  void failureOfTheChainIsLoggedAsAnErrorAndPassedOn() {
    LogHandler handler = handler(List.of(Name.root), Set.of(ResponseClass.ERROR));
    IOException failure = new IOException("upstream down");

    IOException thrown =
        assertThrows(IOException.class, () -> handler.serve(Queries.request("example.org.", Type.A), RecordingChain.failingWith(failure)));

    assertSame(failure, thrown);
    assertEquals(List.of("A example.org. NOERROR -"), lines);
  }

  @Test
  void disabledLoggerSkipsFormatting() throws Exception {
    enabled = false;
    Chain next = RecordingChain.answering();

    handler(List.of(Name.root), Set.of(ResponseClass.ALL)).serve(Queries.request("example.org.", Type.A), next);

    assertTrue(lines.isEmpty());
  }

  private LogHandler handler(List<Name> names, Set<ResponseClass> classes) {
    return new LogHandler(new LogOptions(names, LogFormat.parse("{type} {name} {rcode} {>rflags}"), classes), sink);
  }
}
