package io.clusterdns.plugin.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.Queries;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Coverage-guided fuzzing of what the cache makes of a reply it did not build: any message the
 * next plugin returns (forward hands on what an upstream sent, parsed by dnsjava) is stored by
 * {@link ReplyWire#of}, filed under a {@link CacheKey} read from those bytes, and patched into
 * hits by {@link ReplyWire#answer}. The cache never reads bytes that dnsjava did not write, so
 * the fuzzed bytes are the upstream reply, not the stored form.
 *
 * <p>An input is a control byte (bit 0 DO, bit 1 CD, bit 2 RD, bit 3 AD in the query, bits 4-6
 * seconds between the two queries), a 16-bit query ID whose bits also choose which letters of
 * the second query's name are capitals, then the reply. The first query asks the reply's
 * question as it is spelled there; the second one asks it spelled otherwise.
 *
 * <p>Property: the first query is answered with the reply as given when the cache keeps it not,
 * and then the second one finds nothing; when it keeps it, both are answered with its records
 * in order, every TTL the entry's less the seconds gone by, the query's ID, opcode, RD, CD and
 * spelling, the reply's AA, RA and rcode and its AD only for a query with DO or AD; the second
 * query's hit in wire form is exactly what the message path gives, or null only for a reply with
 * Extended DNS Errors or an expired entry.
 */
class ReplyWireFuzzTest {
  /** More than the longest TTL the cache gives (an hour): every earlier input's entry expired. */
  private static final long BETWEEN_INPUTS = 3700;
  private static final int ROOM = 65535;

  private static final CacheFixture FIXTURE = new CacheFixture();
  private static final CacheHandler CACHE = FIXTURE.handler("cache");

  @FuzzTest
  void storedReply(byte[] input) throws Exception {
    if (input.length < 3) {
      return;
    }
    int control = input[0] & 0xFF;
    int id = (input[1] & 0xFF) << 8 | (input[2] & 0xFF);
    byte[] upstream = Arrays.copyOfRange(input, 3, input.length);
    Message given = parse(upstream);
    if (given == null || given.getQuestion() == null) {
      return;
    }
    Record question = given.getQuestion();
    FIXTURE.ticker.advanceSeconds(BETWEEN_INPUTS);
    // Each call parses anew, as an upstream reply is; the first one is the miss's.
    Message[] fromNext = new Message[1];
    Chain next = request -> fromNext[0] == null ? (fromNext[0] = parse(upstream)) : parse(upstream);
    Request first = request(question, question.getName(), id, control);
    Request second = request(question, respelled(question.getName(), id), id ^ 0x5555, control);

    Message missReply = CACHE.serve(first, next);
    int seconds = (control >>> 4) & 7;
    FIXTURE.ticker.advanceSeconds(seconds);
    byte[] wire = CACHE.serveWire(second, next, ROOM);
    // The cache answers a miss with the next plugin's reply itself when it does not keep it.
    if (missReply == fromNext[0]) {
      assertNull(wire, "a hit for a reply the cache did not keep");
      return;
    }
    long ttl = uniformTtl(missReply);
    assertTrue(ttl != 0 && ttl <= 3600, () -> "the TTL of a kept reply: " + ttl + "\n" + printed(missReply));
    checkAnswers(first, given, missReply, ttl);
    if (ttl < 0) {
      // No record to tell the entry's TTL by: whether it expired is not known here.
      if (wire != null) {
        checkAnswers(second, given, parse(wire), -1);
      }
      return;
    }
    if (!Replies.extendedErrors(given).isEmpty() || seconds >= ttl) {
      assertNull(wire, "a wire hit for a reply with Extended DNS Errors or one expired");
      return;
    }
    assertNotNull(wire, "no wire hit for a kept reply");
    Message hit = parse(wire);
    assertNotNull(hit, "the wire hit does not parse");
    checkAnswers(second, given, hit, ttl - seconds);
    assertEquals(described(CACHE.serve(second, next)), described(hit), "wire and message path differ");
  }

  /** The cache's reply to {@code request}, kept from {@code given}, all TTLs {@code ttl}. */
  private static void checkAnswers(Request request, Message given, Message reply, long ttl) {
    assertEquals(request.id(), reply.getHeader().getID(), "ID");
    assertEquals(request.opcode(), reply.getHeader().getOpcode(), "opcode");
    assertEquals(given.getRcode(), reply.getRcode(), "rcode");
    boolean keepAd = request.dnssecOk() || request.flag(Flags.AD);
    for (int flag : new int[] {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
      boolean expected = switch (flag) {
        case Flags.QR -> true;
        case Flags.RD, Flags.CD -> request.flag(flag);
        case Flags.AD -> keepAd && given.getHeader().getFlag(flag);
        case Flags.TC -> false;
        default -> given.getHeader().getFlag(flag);
      };
      assertEquals(expected, reply.getHeader().getFlag(flag), () -> "flag " + Flags.string(flag) + "\n" + printed(reply));
    }
    List<Record> questions = reply.getSection(Section.QUESTION);
    assertEquals(1, questions.size(), "one question");
    assertEquals(request.question().toString(), questions.get(0).toString(), "question as spelled");
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      List<Record> expected = given.getSection(section).stream().filter(r -> !(r instanceof OPTRecord)).toList();
      List<Record> got = reply.getSection(section).stream().filter(r -> !(r instanceof OPTRecord)).toList();
      assertTrue(expected.equals(got), () -> "section " + Section.string(section) + " of\n" + printed(reply));
      for (Record record : got) {
        assertEquals(ttl, record.getTTL(), () -> "a TTL in\n" + printed(reply));
      }
    }
  }

  /** The one TTL of every record of a kept reply, or -1 when it has none. */
  private static long uniformTtl(Message reply) {
    long ttl = -1;
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      for (Record record : reply.getSection(section)) {
        if (!(record instanceof OPTRecord)) {
          long first = ttl;
          assertTrue(first < 0 || record.getTTL() == first, () -> "TTLs differ in a kept reply:\n" + printed(reply));
          ttl = record.getTTL();
        }
      }
    }
    return ttl;
  }

  private static Request request(Record question, Name name, int id, int control) {
    Message query = Message.newQuery(Record.newRecord(name, question.getType(), question.getDClass()));
    query.getHeader().setID(id);
    if ((control & 4) == 0) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    if ((control & 2) != 0) {
      query.getHeader().setFlag(Flags.CD);
    }
    if ((control & 8) != 0) {
      query.getHeader().setFlag(Flags.AD);
    }
    if ((control & 1) != 0) {
      query.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    }
    return new Request(query, Queries.CLIENT, Transport.UDP, ".", 0);
  }

  /** {@code name} with the case of its i-th letter flipped when bit i mod 16 of {@code bits} is set. */
  private static Name respelled(Name name, int bits) {
    byte[] wire = name.toWire();
    for (int i = 0; i < wire.length; i++) {
      int b = wire[i];
      if (((bits >>> (i & 15)) & 1) != 0 && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z')) {
        wire[i] = (byte) (b ^ 0x20);
      }
    }
    try {
      return new Name(wire);
    } catch (IOException e) {
      throw new IllegalStateException("a respelled name does not parse", e);
    }
  }

  /**
   * The header and each record's own wire form, as spelled: what the two paths must agree on. Not
   * the message's text, which dnsjava cannot print for every record it parses (a TSIG record
   * with an error code past the table's).
   */
  private static String described(Message message) {
    StringBuilder text = new StringBuilder(message.getHeader().getID() + " " + message.getHeader().printFlags()
        + " " + message.getHeader().getOpcode() + " " + message.getRcode());
    for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
      for (Record record : message.getSection(section)) {
        text.append('\n').append(section).append(' ').append(HexFormat.of().formatHex(record.toWire(section)));
      }
    }
    return text.toString();
  }

  /** The message as text for a failure's message, or its description when dnsjava cannot print it. */
  private static String printed(Message message) {
    try {
      return message.toString();
    } catch (RuntimeException e) {
      return described(message);
    }
  }

  private static Message parse(byte[] wire) {
    try {
      return new Message(wire);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
