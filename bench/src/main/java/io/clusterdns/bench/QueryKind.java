package io.clusterdns.bench;

import java.util.List;
import java.util.Random;
import org.xbill.DNS.Type;

/** The kinds of query in the dnsperf mix, each drawn from a cluster with a seeded Random. */
public enum QueryKind {
  /** A for a ClusterIP Service: one address. */
  CLUSTERIP_A {
    @Override
    String qname(SyntheticCluster cluster, Random random) {
      return pick(cluster.clusterIpNames(), random);
    }
  },
  /** A for a headless Service: its three endpoint addresses. */
  HEADLESS_A {
    @Override
    String qname(SyntheticCluster cluster, Random random) {
      return pick(cluster.headlessNames(), random);
    }
  },
  /** AAAA for an IPv4-only Service: NODATA with the SOA. */
  AAAA_NODATA {
    @Override
    String qname(SyntheticCluster cluster, Random random) {
      return pick(cluster.clusterIpNames(), random);
    }

    @Override
    int type() {
      return Type.AAAA;
    }
  },
  /** A for a Service that does not exist: NXDOMAIN with the SOA. */
  NXDOMAIN {
    @Override
    String qname(SyntheticCluster cluster, Random random) {
      return "missing-" + random.nextInt(1_000_000) + ".ns-" + random.nextInt(10) + ".svc."
          + SyntheticCluster.ZONE;
    }
  };

  abstract String qname(SyntheticCluster cluster, Random random);

  int type() {
    return Type.A;
  }

  private static String pick(List<String> names, Random random) {
    return names.get(random.nextInt(names.size()));
  }
}
