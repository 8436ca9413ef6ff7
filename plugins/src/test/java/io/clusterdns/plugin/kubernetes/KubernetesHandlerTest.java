package io.clusterdns.plugin.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class KubernetesHandlerTest {
  private static final ClusterSnapshot SYNCED = ClusterFixture.snapshot(true);
  private static final ClusterSnapshot UNSYNCED = ClusterFixture.snapshot(false);
  private static final FakeSetupContext BLOCK = new FakeSetupContext("cluster.local.");

  /** The next plugin: answers every name with one marker TXT record. */
  private static final Chain NEXT =
      request -> {
        Message reply = Replies.reply(request);
        reply.addRecord(
            new TXTRecord(request.qname(), DClass.IN, 0, "next plugin"), Section.ANSWER);
        return reply;
      };

  static Stream<DnsCase> cases() {
    return KubernetesDnsCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersPerRuleBook(DnsCase c) throws Exception {
    KubernetesOptions options = KubernetesSetup.parse(CorefileSnippets.directive(c.corefile()), BLOCK);
    ClusterView view = new ClusterView();
    view.publish(c.synced ? SYNCED : UNSYNCED);
    KubernetesHandler handler = new KubernetesHandler(options, view, new FakeUpstream(), c.locals());

    Message query = Message.newQuery(Record.newRecord(Name.fromString(c.qname()), c.qtype(), DClass.IN));
    Message reply =
        handler.serve(
            new Request(query, new InetSocketAddress("10.1.1.1", 40000), Transport.UDP,
                "cluster.local.", System.nanoTime()),
            NEXT);

    assertAll(
        () -> assertEquals(Rcode.string(c.rcode()), Rcode.string(reply.getRcode()), "rcode"),
        () -> assertEquals(!c.fallsThrough && c.authoritative, reply.getHeader().getFlag(Flags.AA), "AA"),
        () -> assertTrue(reply.getHeader().getFlag(Flags.QR), "QR"),
        () -> assertEquals(c.truncated, reply.getHeader().getFlag(Flags.TC), "TC"),
        () -> assertTrue(reply.getHeader().getFlag(Flags.RD), "RD copied"),
        () -> assertFalse(reply.getHeader().getFlag(Flags.RA), "RA"),
        () -> assertEquals(query.getQuestion(), reply.getQuestion(), "question"),
        () -> assertEquals(ZoneFileRecords.expected(c.answer()),
            ZoneFileRecords.sortedText(reply.getSection(Section.ANSWER)), "answer"),
        () -> assertEquals(ZoneFileRecords.expected(c.authority()),
            ZoneFileRecords.sortedText(reply.getSection(Section.AUTHORITY)), "authority"),
        () -> assertEquals(ZoneFileRecords.expected(c.additional()),
            ZoneFileRecords.sortedText(reply.getSection(Section.ADDITIONAL).stream()
                .filter(r -> r.getType() != Type.OPT).toList()),
            "additional (the OPT that carries an Extended DNS Error is the server's envelope)"));
  }

  @Test
  void readyOnceTheViewHasSynced() throws Exception {
    KubernetesOptions options =
        KubernetesSetup.parse(CorefileSnippets.directive(DnsCase.DEFAULT_DIRECTIVE), BLOCK);
    ClusterView view = new ClusterView();
    KubernetesHandler handler = new KubernetesHandler(options, view, new FakeUpstream(), List.of());
    assertFalse(handler.isReady());
    view.publish(UNSYNCED);
    assertFalse(handler.isReady());
    view.publish(SYNCED);
    assertTrue(handler.isReady());
  }

  @Test
  void servfailBeforeTheFirstSyncSaysNotReady() throws Exception {
    KubernetesOptions options =
        KubernetesSetup.parse(CorefileSnippets.directive(DnsCase.DEFAULT_DIRECTIVE), BLOCK);
    ClusterView view = new ClusterView();
    view.publish(UNSYNCED);
    KubernetesHandler handler = new KubernetesHandler(options, view, new FakeUpstream(), List.of());
    Message query = Message.newQuery(
        Record.newRecord(Name.fromString("nosvc.testns.svc.cluster.local."), Type.A, DClass.IN));
    Message reply = handler.serve(
        new Request(query, new InetSocketAddress("10.1.1.1", 40000), Transport.UDP, "cluster.local.", 0), NEXT);
    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    assertEquals(List.of(org.xbill.DNS.ExtendedErrorCodeOption.NOT_READY),
        Replies.extendedErrors(reply).stream().map(e -> e.getErrorCode()).toList());
  }

  @Test
  void answersFromTheSnapshotPublishedLast() throws Exception {
    KubernetesOptions options =
        KubernetesSetup.parse(CorefileSnippets.directive(DnsCase.DEFAULT_DIRECTIVE), BLOCK);
    ClusterView view = new ClusterView();
    KubernetesHandler handler = new KubernetesHandler(options, view, new FakeUpstream(), List.of());
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString(KubernetesDnsCases.SVC1), Type.A, DClass.IN));
    Request request =
        new Request(query, new InetSocketAddress("10.1.1.1", 40000), Transport.TCP, "cluster.local.", 0);
    view.publish(ClusterSnapshot.builder().namespace("testns").build(true, 1));
    assertEquals(Rcode.NXDOMAIN, handler.serve(request, NEXT).getRcode());
    view.publish(SYNCED);
    Message reply = handler.serve(request, NEXT);
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertEquals(1, reply.getSection(Section.ANSWER).size());
  }

  @Test
  void generationGrowsWithEachPublishedSnapshotAndOnlyThen() throws Exception {
    KubernetesOptions options =
        KubernetesSetup.parse(CorefileSnippets.directive(DnsCase.DEFAULT_DIRECTIVE), BLOCK);
    ClusterView view = new ClusterView();
    KubernetesHandler handler = new KubernetesHandler(options, view, new FakeUpstream(), List.of());
    long empty = handler.generation();
    assertEquals(empty, handler.generation(), "no publish, same generation");
    view.publish(UNSYNCED);
    long unsynced = handler.generation();
    assertTrue(unsynced > empty);
    view.publish(SYNCED);
    long synced = handler.generation();
    assertTrue(synced > unsynced, "the first sync is a new generation");
    assertEquals(synced, handler.generation());
  }

  /**
   * The informers publish in their own thread: the generation a query reads right after is the
   * new one although no query came in between, and publishing the same snapshot again changes
   * nothing.
   */
  @Test
  void generationIsNumberedWhenAnotherThreadPublishes() throws Exception {
    KubernetesOptions options =
        KubernetesSetup.parse(CorefileSnippets.directive(DnsCase.DEFAULT_DIRECTIVE), BLOCK);
    ClusterView view = new ClusterView();
    KubernetesHandler handler = new KubernetesHandler(options, view, new FakeUpstream(), List.of());
    ExecutorService informer = Executors.newSingleThreadExecutor();
    try {
      long before = handler.generation();
      informer.submit(() -> view.publish(UNSYNCED)).get();
      informer.submit(() -> view.publish(SYNCED)).get();
      long synced = handler.generation();
      assertEquals(before + 2, synced, "one generation per published snapshot");
      informer.submit(() -> view.publish(SYNCED)).get();
      assertEquals(synced, handler.generation(), "the same snapshot again");
    } finally {
      informer.shutdownNow();
    }
  }
}
