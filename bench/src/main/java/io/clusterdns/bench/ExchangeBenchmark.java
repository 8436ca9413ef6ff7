package io.clusterdns.bench;

import io.clusterdns.server.ClusterDns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The whole in-process query path, {@link ClusterDns#exchange}, for a cluster loaded from
 * generated YAML. Each call asks the next of 4,096 pre-built queries of one kind, so look-ups do
 * not all hit one name; after the first round every query is a reply-cache hit, which is what a
 * cluster's steady traffic is (decode, look-up and encode of a miss are in {@link WireBenchmark}
 * and the kubernetes handler).
 */
public class ExchangeBenchmark extends ExchangeRing {
  private static final long SEED = 20260401L;

  @Param("10000")
  int services;

  @Param({"CLUSTERIP_A", "HEADLESS_A", "AAAA_NODATA", "NXDOMAIN"})
  QueryKind kind;

  /** Whether the block uses prometheus, so that each answer is also counted (issue 8). */
  @Param({"false", "true"})
  boolean metrics;

  private Path directory;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    directory = Files.createTempDirectory("clusterdns-bench");
    SyntheticCluster cluster = SyntheticCluster.write(directory, services);
    server = ClusterDns.builder().corefile(cluster.corefile(metrics)).udpWorkers(1).start();
    Random random = new Random(SEED);
    for (int i = 0; i < QUERIES; i++) {
      queries[i] = WireQueries.wire(random.nextInt(0x10000), kind.qname(cluster, random), kind.type());
    }
  }

  @Benchmark
  public byte[] exchange() {
    return exchangeNext();
  }

  /** Also removes the cluster's files, once the server is closed. */
  @Override
  public void tearDown() throws IOException {
    super.tearDown();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
