package io.clusterdns.plugin.cache;

import static io.clusterdns.plugin.cache.CacheFixture.query;
import static io.clusterdns.plugin.testkit.Queries.answers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.ServerBlock;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** A cached answer about the cluster is never served once the cluster view has changed. */
class ClusterGenerationsTest {
  private static final Name CLUSTER = Name.fromConstantString("cluster.local.");

  private final CacheFixture fixture = new CacheFixture();
  private final FakeCluster cluster = new FakeCluster();
  private final ScriptedChain next = new ScriptedChain(ScriptedChain.negative(Rcode.NXDOMAIN, 30, 30));

  @Test
  void aNewClusterGenerationTurnsClusterEntriesIntoMissesAndKeepsOthers() throws Exception {
    CacheHandler cache = fixture.handler("cache 30 {\n serve_stale 1h\n}", withSibling(cluster), Runnable::run);
    cache.serve(query("web.default.svc.cluster.local.", Type.A), next);
    cache.serve(query("gone.example.org.", Type.A), next);
    cache.serve(query("web.default.svc.cluster.local.", Type.A), next);
    assertEquals(2, next.calls());

    cluster.generation.incrementAndGet();
    next.answerWith(ScriptedChain.addresses(30, "10.96.1.10"));
    Message fresh = cache.serve(query("web.default.svc.cluster.local.", Type.A), next);
    Message other = cache.serve(query("gone.example.org.", Type.A), next);

    assertEquals(List.of("web.default.svc.cluster.local. 30 IN A 10.96.1.10"), answers(fresh));
    assertEquals(Rcode.NXDOMAIN, other.getRcode());
    assertEquals(3, next.calls());
  }

  @Test
  void anEntryFromAnOlderGenerationIsNotServedStaleEither() throws Exception {
    CacheHandler cache = fixture.handler("cache 30 {\n serve_stale 1h\n}", withSibling(cluster), Runnable::run);
    cache.serve(query("web.default.svc.cluster.local.", Type.A), next);
    fixture.ticker.advanceSeconds(40);
    cluster.generation.incrementAndGet();
    next.answerWith(ScriptedChain.addresses(30, "10.96.1.10"));

    assertEquals(Rcode.NOERROR, cache.serve(query("web.default.svc.cluster.local.", Type.A), next).getRcode());
  }

  /** A kubernetes-like sibling: answers cluster.local from a state whose generation tests bump. */
  private static final class FakeCluster implements Handler, Deterministic {
    final AtomicLong generation = new AtomicLong(7);

    @Override
    public Message serve(Request request, Chain next) throws Exception {
      return next.next(request);
    }

    @Override
    public long generation() {
      return generation.get();
    }

    @Override
    public boolean covers(Name qname) {
      return qname.subdomain(CLUSTER);
    }
  }

  private static SetupContext withSibling(Handler kubernetes) {
    FakeSetupContext block = new FakeSetupContext(".");
    return new SetupContext() {
      @Override
      public List<String> zones() {
        return block.zones();
      }

      @Override
      public ServerBlock block() {
        return block.block();
      }

      @Override
      public Path baseDirectory() {
        return block.baseDirectory();
      }

      @Override
      public ServerLookup serverLookup() {
        return block.serverLookup();
      }

      @Override
      public Optional<Handler> sibling(String pluginName) {
        return pluginName.equals("kubernetes") ? Optional.of(kubernetes) : Optional.empty();
      }
    };
  }
}
