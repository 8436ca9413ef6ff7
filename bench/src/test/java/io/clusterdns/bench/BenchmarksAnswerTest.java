package io.clusterdns.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** Each benchmark method, called once on a small cluster, does the work it claims to measure. */
class BenchmarksAnswerTest {
  @ParameterizedTest
  @CsvSource({"CLUSTERIP_A, NOERROR, 1", "HEADLESS_A, NOERROR, 3", "AAAA_NODATA, NOERROR, 0",
      "NXDOMAIN, NXDOMAIN, 0"})
  void exchangeAnswersEachKindOfQuery(QueryKind kind, String rcode, int answers) throws Exception {
    ExchangeBenchmark benchmark = new ExchangeBenchmark();
    benchmark.services = 100;
    benchmark.kind = kind;
    benchmark.setUp();
    try {
      byte[] reply = benchmark.exchange();
      assertNotNull(reply);
      Message message = new Message(reply);
      assertEquals(rcode, Rcode.string(message.getRcode()));
      assertEquals(answers, message.getSection(Section.ANSWER).size());
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void largeAnswerBenchmarksAnswerEveryEndpoint() throws Exception {
    LargeAnswerBenchmark benchmark = new LargeAnswerBenchmark();
    benchmark.endpoints = 100;
    benchmark.setUp();
    try {
      Message srv = benchmark.answer();
      assertEquals(100, srv.getSection(Section.ANSWER).size());
      assertEquals(100, srv.getSection(Section.ADDITIONAL).size());
      Message wire = new Message(benchmark.answerToWire());
      assertEquals(srv.getSection(Section.ANSWER), wire.getSection(Section.ANSWER));
      assertEquals(srv.getSection(Section.ADDITIONAL), wire.getSection(Section.ADDITIONAL));
      assertEquals(101, benchmark.answerThroughAlias().getSection(Section.ANSWER).size());
      Message cut = new Message(benchmark.answerToUdpWire());
      assertTrue(cut.getHeader().getFlag(Flags.TC) && cut.numBytes() <= 1232, cut.toString());
      for (int i = 0; i < 2; i++) {
        Message reply = new Message(benchmark.exchangeUdp());
        assertEquals(Rcode.NOERROR, reply.getRcode());
        // The SRV RRset is kept whole or not at all: too large for 1,232 bytes, it is left out.
        assertTrue(reply.getHeader().getFlag(Flags.TC), reply.toString());
        assertEquals(LargeAnswerBenchmark.SERVICE.length() + "_http._tcp.".length(),
            reply.getQuestion().getName().toString().length());
      }
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void wireBenchmarksDecodeTheQueryAndEncodeTheAnswer() throws IOException {
    WireBenchmark benchmark = new WireBenchmark();
    benchmark.setUp();
    assertEquals(WireBenchmark.NAME + ".", benchmark.decode().getQuestion().getName().toString());
    Message answer = new Message(benchmark.encode());
    assertEquals(1, answer.getSection(Section.ANSWER).size());
    assertEquals(answer.toString(), new Message(benchmark.encodeUdpLimit()).toString());
  }

  @ParameterizedTest
  @CsvSource({"first", "kubeadm", "message"})
  void cacheHitBenchmarkAnswersFromTheCache(String cache) throws Exception {
    CacheHitBenchmark benchmark = new CacheHitBenchmark();
    benchmark.cache = cache;
    benchmark.setUp();
    try {
      Message reply = new Message(benchmark.hit());
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals("h-0.example.test.", reply.getQuestion().getName().toString());
      // 300 when the template answered; the cache counts down from the TTL it stored.
      assertEquals(1, reply.getSection(Section.ANSWER).size());
      assertTrue(reply.getSection(Section.ANSWER).get(0).getTTL() <= 300);
    } finally {
      benchmark.tearDown();
    }
  }
}
