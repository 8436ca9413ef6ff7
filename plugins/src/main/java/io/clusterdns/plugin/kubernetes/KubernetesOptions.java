package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.Fallthrough;
import io.clusterdns.plugin.cluster.source.SourceOptions;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * The kubernetes plugin's settings after parsing (see the plugin README for each option).
 *
 * @param zones the zones answered, lower case, absolute, in Corefile order
 * @param primaryZone the first non-reverse zone: PTR targets are built under it
 * @param ttl TTL of every record except the schema-version TXT; also the SOA minimum
 * @param pods how pod names are answered
 * @param endpointPodNames whether endpoints without hostname are named after their Pod
 * @param noEndpoints whether endpoints are left out entirely
 * @param fallthrough which NXDOMAIN names go to the next plugin
 * @param ignoreEmptyService whether ClusterIP services with no ready endpoint do not exist
 * @param namespaces the only namespaces exposed, lower case; empty = all
 * @param apiLimits accepted API client limits (not applied, see {@link ApiClientLimits})
 * @param sourceOptions what the cluster source loads and watches
 */
public record KubernetesOptions(
    List<Name> zones,
    Name primaryZone,
    int ttl,
    PodsMode pods,
    boolean endpointPodNames,
    boolean noEndpoints,
    Fallthrough fallthrough,
    boolean ignoreEmptyService,
    Set<String> namespaces,
    ApiClientLimits apiLimits,
    SourceOptions sourceOptions) {
  public static final int DEFAULT_TTL = 5;

  public KubernetesOptions {
    zones = List.copyOf(zones);
    namespaces = Set.copyOf(namespaces);
  }

  /** Whether a namespace passes the {@code namespaces} filter. */
  public boolean namespaceAllowed(String namespace) {
    return namespaces.isEmpty() || namespaces.contains(namespace);
  }
}
