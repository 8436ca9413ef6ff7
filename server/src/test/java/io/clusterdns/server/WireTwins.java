package io.clusterdns.server;

import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.cache.FakeClockCacheSetup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The two servers {@link WireDifferentialFuzzTest} compares, on one Corefile: the cache in front
 * of plugins that answer with varied shapes (the built-in example's Services, headless and SRV
 * answers, PTR, NXDOMAIN and NODATA, templates of many addresses, a CNAME, MX with additional
 * records, SERVFAIL, rewrite, hosts), behind errors, prometheus and loadbalance, which hand the
 * wire path on. The twin adds a first plugin without a wire path, so its cache hits are rebuilt
 * as messages. Both caches run on one fake clock.
 */
record WireTwins(ClusterDns wired, ClusterDns twin, Path manifests, FakeClockCacheSetup clock) implements AutoCloseable {
  private static final String EXAMPLE = "/io/clusterdns/server/example/cluster.yaml";

  private static final String COREFILE =
      """
      cluster.local 10.96.0.0/16 10.244.0.0/16 test example.org {
          FIRST
          errors
          prometheus 127.0.0.1:0
          loadbalance
          fake_clock_cache 30 {
              success 20000
              denial 20000
              serve_stale 20s
          }
          rewrite name suffix .cluster.internal. .cluster.local. answer auto
          template IN A example.org {
              match ^big[.]example[.]org[.]$
              answer MANY_A
              additional "ns.example.org. 30 IN A 192.0.2.53"
              fallthrough
          }
          template IN AAAA example.org {
              match ^big[.]example[.]org[.]$
              answer MANY_AAAA
              fallthrough
          }
          template IN A example.org {
              match ^alias[.]example[.]org[.]$
              answer "{{ .Name }} 60 IN CNAME www.example.org." "www.example.org. 60 IN A 192.0.2.7" "www.example.org. 20 IN A 192.0.2.8"
              fallthrough
          }
          template IN MX example.org {
              match ^mail[.]example[.]org[.]$
              answer "{{ .Name }} 60 IN MX 10 mx1.example.org." "{{ .Name }} 60 IN MX 20 mx2.example.org."
              additional "mx1.example.org. 60 IN A 192.0.2.25" "mx1.example.org. 60 IN A 192.0.2.26"
              fallthrough
          }
          template ANY ANY example.org {
              match ^fail[.]example[.]org[.]$
              rcode SERVFAIL
              fallthrough
          }
          template IN TXT example.org {
              match ^(?<host>[a-z0-9-]+)[.]example[.]org[.]$
              answer "{{ .Name }} 60 IN TXT {{ .Group.host }} {{ .Type }}"
              fallthrough
          }
          hosts {
              192.0.2.7 www.example.org
              192.0.2.9 www.example.org
              2001:db8::7 www.example.org
              fallthrough
          }
          kubernetes cluster.local 10.96.0.0/16 10.244.0.0/16 {
              manifests MANIFESTS
              pods insecure
              fallthrough example.org
          }
          k8s_external example.org
          k8s_gateway test {
              default_address 192.168.49.2
          }
      }
      """;

  static WireTwins start() {
    try {
      Path manifests = Files.createTempFile("clusterdns-wirediff", ".yaml");
      try (InputStream in = WireTwins.class.getResourceAsStream(EXAMPLE)) {
        Files.copy(in, manifests, StandardCopyOption.REPLACE_EXISTING);
      }
      FakeClockCacheSetup clock = new FakeClockCacheSetup("fake_clock_cache");
      PluginRegistry plugins = PluginRegistry.withExtra(Map.of(clock, "cache", new MessagePath(), "reload"));
      return new WireTwins(start(plugins, "", manifests), start(plugins, "message_path", manifests), manifests, clock);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the fuzzed servers: " + e.getMessage(), e);
    }
  }

  /** Moves the clock of both servers' caches. */
  void advanceSeconds(long seconds) {
    clock.advanceSeconds(seconds);
  }

  @Override
  public void close() throws IOException {
    wired.close();
    twin.close();
    Files.deleteIfExists(manifests);
  }

  private static ClusterDns start(PluginRegistry plugins, String first, Path manifests) throws Exception {
    String corefile = COREFILE.replace("FIRST", first).replace("MANIFESTS", manifests.toString())
        .replace("MANY_AAAA", records(50, i -> "{{ .Name }} 45 IN AAAA 2001:db8::" + Integer.toHexString(0x100 + i)))
        .replace("MANY_A", records(40, i -> "{{ .Name }} 60 IN A 192.0.2." + (100 + i)));
    ClusterDns server = ClusterDns.builder().corefile(corefile).plugins(plugins).defaultPort(0).start();
    server.awaitReady(Duration.ofSeconds(10));
    return server;
  }

  private static String records(int count, IntFunction<String> record) {
    List<String> quoted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      quoted.add('"' + record.apply(i) + '"');
    }
    return String.join(" ", quoted);
  }

  /** A first plugin without a wire path, which makes its server build every reply as a message. */
  private static final class MessagePath implements PluginSetup {
    @Override
    public String name() {
      return "message_path";
    }

    @Override
    public Handler setup(Directive directive, SetupContext context) {
      return (Request request, Chain next) -> next.next(request);
    }
  }
}
