package io.clusterdns.testing;

/**
 * Where a test's cluster starts: {@code service("nginx-service").namespace("default").clusterIp("10.96.0.20")}.
 * Import statically.
 */
public final class Kube {
  private Kube() {}

  /** A Service in namespace {@code default}, ClusterIP type without an address until one is given. */
  public static ServiceObject service(String name) {
    return ServiceObject.named(name);
  }

  /** A running Pod in namespace {@code default}, without an address until one is given. */
  public static PodObject pod(String name) {
    return PodObject.named(name);
  }
}
