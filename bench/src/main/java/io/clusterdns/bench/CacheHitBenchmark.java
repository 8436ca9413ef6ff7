package io.clusterdns.bench;

import io.clusterdns.server.ClusterDns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.xbill.DNS.Type;

/**
 * A hit of the cache plugin through the whole in-process query path ({@link
 * ClusterDns#exchange}): 4,096 names cached by a first round (the template plugin behind the
 * cache answers the misses), then asked again. {@code first}: cache is the first plugin of its
 * block, so the server sends the hit's wire form as it is; {@code kubeadm}: errors, prometheus
 * and loadbalance run before it, as in the kubeadm Corefile, and hand the bytes on; {@code
 * message}: the same behind log (for errors only: it writes no line here), which has no wire
 * path, so the hit is parsed back into a message, shuffled and encoded again (every hit before
 * the plugins handed the bytes on). With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is what a hit allocates: the young collector's
 * work per query.
 */
public class CacheHitBenchmark extends ExchangeRing {
  @Param({"first", "kubeadm", "message"})
  String cache;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String corefile = "example.test {\n"
        + ("message".equals(cache) ? "    log . {\n        class error\n    }\n" : "")
        + ("first".equals(cache) ? "" : "    errors\n    prometheus 127.0.0.1:0\n    loadbalance\n")
        + "    cache\n"
        + "    template IN A {\n"
        + "        answer \"{{ .Name }} 300 IN A 192.0.2.1\"\n"
        + "    }\n"
        + "}\n";
    server = ClusterDns.builder().corefile(corefile).udpWorkers(1).start();
    for (int i = 0; i < QUERIES; i++) {
      queries[i] = WireQueries.wire(i, "h-" + i + ".example.test", Type.A);
      server.exchange(queries[i]);
    }
  }

  @Benchmark
  public byte[] hit() {
    return exchangeNext();
  }
}
