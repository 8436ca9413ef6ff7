package io.clusterdns.plugin.cluster;

/** How a Service is answered in DNS. */
public enum ServiceKind {
  /** Has at least one cluster IP: answered with its cluster IPs. */
  CLUSTER_IP,
  /** {@code clusterIP: None}: answered with its ready endpoints. */
  HEADLESS,
  /** {@code type: ExternalName}: answered with a CNAME. */
  EXTERNAL_NAME
}
