package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Differential fuzzing of cache hits sent as bytes ({@link io.clusterdns.plugin.WireHandler},
 * {@link WireReplies}) against the same hits rebuilt as messages, by the two servers of {@link
 * WireTwins}.
 *
 * <p>An input is a few steps, each: a control byte (bits 0-4 seconds the clock moves first, bit
 * 5 TCP instead of UDP, bits 6-7 how many times more than twice the query is sent), a 16-bit
 * length and that many bytes of query, any bytes at all. Each input starts an hour after the
 * previous one, when every entry it left has expired, so an input replays alike anywhere.
 *
 * <p>Property, for each send: both servers answer or neither does; a reply is well-formed and
 * carries the query's ID, opcode and question as spelled, and fits the transport's limit; both
 * replies have the same flags (TC included), rcode, OPT record, and sections as sets of records
 * with their TTLs (loadbalance orders addresses at random); a reply to a query with OPT has one,
 * one to a query without has none; and a name asked again within its TTL comes back with TTLs
 * lowered by at most the seconds the clock moved.
 */
class WireDifferentialFuzzTest {
  private static final int MAX_STEPS = 6;
  /** More than the longest life of a cache entry of {@link WireTwins} (TTL 30 s, serve_stale 20 s). */
  private static final long BETWEEN_INPUTS = 3600;
  private static final int CLASSIC_UDP = 512;


  private static WireTwins twins;
  /** Seconds the fake clock has moved. */
  private static long now;

  @FuzzTest
  void hitsAsBytes(byte[] input) {
    WireTwins servers = twins();
    advance(servers, BETWEEN_INPUTS);
    Map<String, long[]> seen = new HashMap<>();
    int at = 0;
    for (int step = 0; step < MAX_STEPS && at + 3 <= input.length; step++) {
      int control = input[at] & 0xFF;
      int length = Math.min((input[at + 1] & 0xFF) << 8 | (input[at + 2] & 0xFF), input.length - at - 3);
      byte[] query = Arrays.copyOfRange(input, at + 3, at + 3 + length);
      at += 3 + length;
      advance(servers, control & 0x1F);
      Transport transport = (control & 0x20) != 0 ? Transport.TCP : Transport.UDP;
      int sends = 2 + (control >>> 6);
      for (int i = 0; i < sends; i++) {
        String where = "step " + step + " (" + transport + "), send " + i + ": ";
        compare(where, query, transport, servers.wired().exchange(query, transport),
            servers.twin().exchange(query, transport), seen);
      }
    }
  }

  private static void compare(String where, byte[] query, Transport transport, byte[] wire, byte[] message,
      Map<String, long[]> seen) {
    assertEquals(message == null, wire == null, where + "one server answered, the other did not");
    if (wire == null) {
      return;
    }
    Message fromWire = parse(where + "wire-path server: ", wire);
    Message fromMessage = parse(where + "message-path server: ", message);
    checkReply(where, query, transport, wire, fromWire);
    checkReply(where + "(twin) ", query, transport, message, fromMessage);
    assertEquals(shape(fromMessage), shape(fromWire), where + "the wire-path reply differs from the message path's");
    checkTtls(where, fromWire, seen);
  }

  private static Message parse(String where, byte[] reply) {
    try {
      return new Message(reply);
    } catch (IOException e) {
      fail(where + "reply does not parse: " + e.getMessage());
      return null;
    }
  }

  /** ID, QR, opcode, question as asked, OPT as asked, size within the transport's limit. */
  private static void checkReply(String where, byte[] query, Transport transport, byte[] wire, Message reply) {
    assertTrue(query.length >= 2, where + "a reply to a packet too short to carry an ID");
    assertEquals((query[0] & 0xff) << 8 | (query[1] & 0xff), reply.getHeader().getID(), where + "ID");
    assertTrue(reply.getHeader().getFlag(Flags.QR), where + "QR");
    if (query.length >= 3) {
      assertEquals((query[2] >> 3) & 0xf, reply.getHeader().getOpcode(), where + "opcode");
    }
    Message asked = parsedQuery(query);
    int limit = transport == Transport.TCP ? ReplyEncoder.MAX_TCP_MESSAGE : CLASSIC_UDP;
    if (asked != null) {
      OPTRecord opt = asked.getOPT();
      if (transport == Transport.UDP && opt != null) {
        limit = Math.max(CLASSIC_UDP, opt.getPayloadSize());
      }
      Record question = reply.getQuestion();
      if (question != null && asked.getQuestion() != null) {
        assertEquals(asked.getQuestion().toString(), question.toString(), where + "question as asked");
      }
      assertEquals(opt != null, reply.getOPT() != null, where + "OPT in the reply iff in the query");
    }
    assertTrue(wire.length <= limit, where + "a reply of " + wire.length + " bytes exceeds the " + limit + " allowed");
  }

  private static Message parsedQuery(byte[] query) {
    try {
      return new Message(query);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * A name asked again (same name without regard to case, type, class, DO and CD: the cache's
   * key) while its last reply's TTL has not run out has TTLs between that TTL less the seconds
   * since, and that TTL: never longer, never shorter than the clock allows.
   */
  private static void checkTtls(String where, Message reply, Map<String, long[]> seen) {
    Record question = reply.getQuestion();
    List<Record> records = IntStream.of(Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL)
        .mapToObj(reply::getSection).flatMap(List::stream).filter(r -> !(r instanceof OPTRecord)).toList();
    if (question == null || records.isEmpty() || records.stream().mapToLong(Record::getTTL).distinct().count() != 1) {
      return;
    }
    long ttl = records.get(0).getTTL();
    OPTRecord opt = reply.getOPT();
    String key = question.getName().toString().toLowerCase(Locale.ROOT) + " " + question.getType() + " "
        + question.getDClass() + " " + (opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0) + " "
        + reply.getHeader().getFlag(Flags.CD);
    long[] last = seen.put(key, new long[] {now, ttl});
    if (last != null && last[1] - (now - last[0]) > 0) {
      long lowest = last[1] - (now - last[0]);
      assertTrue(ttl >= lowest && ttl <= last[1],
          where + "TTL " + ttl + " after " + (now - last[0]) + " s, was " + last[1] + ": " + reply);
    }
  }

  /**
   * What both servers must agree on: header flags, rcode, and each section as a sorted list of
   * records with TTLs (the OPT record with its options among the additional ones).
   */
  private static String shape(Message reply) {
    StringBuilder shape = new StringBuilder(reply.getHeader().printFlags()).append(' ')
        .append(reply.getRcode()).append('\n');
    for (int section : new int[] {Section.QUESTION, Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      shape.append(section).append(": ").append(reply.getSection(section).stream()
          .map(WireDifferentialFuzzTest::withoutSerial).map(Record::toString)
          .sorted().collect(Collectors.joining("\n  "))).append('\n');
    }
    return shape.toString();
  }

  /** An SOA's serial is the second its server loaded the cluster: the twins' may differ. */
  private static Record withoutSerial(Record record) {
    return record instanceof SOARecord soa
        ? new SOARecord(soa.getName(), soa.getDClass(), soa.getTTL(), soa.getHost(), soa.getAdmin(), 0,
            soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum())
        : record;
  }

  private static void advance(WireTwins servers, long seconds) {
    servers.advanceSeconds(seconds);
    now += seconds;
  }

  private static synchronized WireTwins twins() {
    if (twins == null) {
      twins = WireTwins.start();
    }
    return twins;
  }

  @AfterAll
  static void stop() throws IOException {
    if (twins != null) {
      twins.close();
      twins = null;
    }
  }
}
