package io.clusterdns.plugin.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.ReloadResult.Outcome;
import io.clusterdns.plugin.testkit.FakeServerControl;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.WireChain;
import io.clusterdns.plugin.testkit.RecordingChain;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class ReloadHandlerTest {
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 53);
  private static final ReloadOptions OPTIONS = new ReloadOptions(Duration.ofSeconds(30), Duration.ofSeconds(15));

  private static ReloadHandler handler(FakeServerControl control) {
    return new ReloadHandler(OPTIONS, new FakeSetupContext(".").withServerControl(control), new Random(1));
  }

  /** The {@code value} labels of coredns_reload_version_info whose gauge is 1. */
  private static List<String> runningVersions() {
    GaugeSnapshot snapshot = ReloadMetrics.VERSION_INFO.collect();
    snapshot.getDataPoints().forEach(p -> assertEquals("sha512", p.getLabels().get("hash")));
    return snapshot.getDataPoints().stream()
        .filter(p -> p.getValue() == 1)
        .map(p -> p.getLabels().get("value"))
        .toList();
  }

  @Test
  void passesEveryQueryOnAndKeepsTheBlockCacheable() throws Exception {
    ReloadHandler handler = handler(new FakeServerControl(Path.of("Corefile"), "aa", LOCAL));
    RecordingChain next = RecordingChain.answering();

    assertEquals(RecordingChain.NEXT_RCODE, handler.serve(Queries.request("example.org.", Type.A), next).getRcode());
    assertEquals(1, next.calls());
    assertTrue(handler.deterministic());
  }

  @Test
  void startPublishesTheRunningDigestAndAFailedReloadIsCountedAndKeepsIt() {
    FakeServerControl control = new FakeServerControl(Path.of("Corefile"), "d1", LOCAL)
        .thenReload(Outcome.FAILED, "d2")
        .thenReload(Outcome.UNCHANGED, "d2");
    ReloadHandler handler = handler(control);
    try {
      handler.start();
      // The digest is computed at the scrape, not on the starting thread.
      assertEquals(0, control.digestReads());
      assertEquals(List.of("d1"), runningVersions());
      assertEquals(1, control.digestReads());
      double failedBefore = ReloadMetrics.FAILED.get();

      assertEquals(Outcome.FAILED, handler.check());
      assertEquals(Outcome.UNCHANGED, handler.check());

      assertEquals(failedBefore + 1, ReloadMetrics.FAILED.get());
      assertEquals(List.of("d1"), runningVersions());
      assertEquals(2, control.reloads());
    } finally {
      handler.close();
    }
  }

  @Test
  void theNextConfigurationsHandlerPublishesItsOwnDigest() {
    ReloadHandler old = handler(new FakeServerControl(Path.of("Corefile"), "d1", LOCAL).thenReload(Outcome.RELOADED, "d3"));
    ReloadHandler next = handler(new FakeServerControl(Path.of("Corefile"), "d3", LOCAL));
    try {
      old.start();
      double failedBefore = ReloadMetrics.FAILED.get();
      assertEquals(Outcome.RELOADED, old.check());
      next.start();

      assertEquals(List.of("d3"), runningVersions());
      assertEquals(failedBefore, ReloadMetrics.FAILED.get());
    } finally {
      old.close();
      next.close();
    }
  }

  @Test
  void aCorefileGivenAsTextIsNeverChecked() {
    FakeServerControl control = new FakeServerControl(null, null, LOCAL);
    ReloadHandler handler = handler(control);
    handler.start();
    handler.close();
    assertEquals(0, control.reloads());
  }

  @Test
  void aWireReplyIsPassedOnAsItIs() throws Exception {
    byte[] hit = {1, 2, 3};
    WireChain next = WireChain.of(hit);
    ReloadHandler handler = handler(new FakeServerControl(Path.of("Corefile"), "aa", LOCAL));
    assertSame(hit, handler.serveWire(Queries.request("a.example.org.", Type.A), next, 512));
    assertNull(handler.serveWire(Queries.request("a.example.org.", Type.A), WireChain.of(null), 512));
    assertEquals(1, next.asked());
  }
}
