package io.clusterdns.plugin.kubernetes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.ServerBlock;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Prepared;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.testkit.CorefileSnippets;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/**
 * The kubernetes plugin's first load begun by {@code prepare}, before any plugin is set up: the
 * cluster loads without a handler, the handler set up from the same directive takes the load
 * over, and a bad directive prepares nothing.
 */
class PreparedLoadTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static Path manifests(Path dir, String clusterIp) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("cluster.yaml"), """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: default
        spec:
          clusterIP: %s
        """.formatted(clusterIp));
    return dir;
  }

  private static String webAddress(KubernetesHandler handler) {
    return handler.view().snapshot().service("default", "web").service().clusterIps().get(0).getHostAddress();
  }

  @Test
  void prepareLoadsTheClusterAndTheHandlerTakesTheLoadOver(@TempDir Path dir) throws Exception {
    Directive directive = CorefileSnippets.directive(
        "kubernetes cluster.local {\n manifests " + manifests(dir, "10.96.0.7") + "\n}");
    FakeSetupContext context = new FakeSetupContext(dir, "cluster.local.");
    ClusterLoad load = assertInstanceOf(ClusterLoad.class, new KubernetesSetup().prepare(directive, context));
    try {
      await().pollInterval(Duration.ofMillis(5)).atMost(WAIT).until(() -> load.view().snapshot().synced());
      KubernetesHandler handler = (KubernetesHandler) new KubernetesSetup().setup(directive, handingOver(context, directive, load));
      assertSame(load.view(), handler.view());
      assertTrue(handler.isReady(), "loaded before the handler was set up, begun or started");
      handler.begin();
      handler.start();
      assertEquals("10.96.0.7", webAddress(handler));
      handler.close();
    } finally {
      load.close();
    }
  }

  @Test
  void aBadDirectivePreparesNothingAndItsSetupReportsTheProblem(@TempDir Path dir) {
    Directive directive = CorefileSnippets.directive("kubernetes cluster.local {\n ttl forever\n}");
    FakeSetupContext context = new FakeSetupContext(dir, "cluster.local.");
    assertNull(new KubernetesSetup().prepare(directive, context));
    CorefileException problem =
        assertThrows(CorefileException.class, () -> new KubernetesSetup().setup(directive, context));
    assertTrue(problem.getMessage().startsWith("Corefile:2:6:"), problem.getMessage());
  }

  /** {@code context}, handing {@code work} over once as what was prepared for {@code directive}. */
  private static SetupContext handingOver(SetupContext context, Directive directive, Prepared work) {
    return new SetupContext() {
      private Prepared left = work;

      @Override
      public Optional<Prepared> prepared(Directive asked) {
        if (asked != directive || left == null) {
          return Optional.empty();
        }
        Optional<Prepared> handed = Optional.of(left);
        left = null;
        return handed;
      }

      @Override
      public List<String> zones() {
        return context.zones();
      }

      @Override
      public ServerBlock block() {
        return context.block();
      }

      @Override
      public Path baseDirectory() {
        return context.baseDirectory();
      }

      @Override
      public ServerLookup serverLookup() {
        return context.serverLookup();
      }

      @Override
      public Optional<Handler> sibling(String pluginName) {
        return context.sibling(pluginName);
      }
    };
  }

  /** Nothing prepared (a reload, an embedding without the server): the handler loads from begin. */
  @Test
  void theHandlerLoadsItsManifestsFromBeginBeforeItIsStarted(@TempDir Path dir) throws Exception {
    KubernetesHandler handler = (KubernetesHandler) new KubernetesSetup().setup(
        CorefileSnippets.directive("kubernetes cluster.local {\n manifests " + manifests(dir, "10.96.0.7") + "\n}"),
        new FakeSetupContext(dir, "cluster.local."));
    try {
      assertFalse(handler.isReady());
      handler.begin();
      await().pollInterval(Duration.ofMillis(5)).atMost(WAIT).until(handler::isReady);
      assertEquals("10.96.0.7", webAddress(handler));
      handler.start();
      assertTrue(handler.covers(Name.fromString("web.default.svc.cluster.local.")));
    } finally {
      handler.close();
    }
  }
}
