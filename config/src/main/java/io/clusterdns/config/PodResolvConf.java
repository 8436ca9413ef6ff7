package io.clusterdns.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The resolv.conf kubelet writes into a pod, from the pod's {@code dnsPolicy}, {@code dnsConfig}
 * and {@code hostNetwork}, the cluster's DNS addresses and domain, and the node's resolv.conf:
 *
 * <ul>
 *   <li>{@code ClusterFirst} (and {@code ClusterFirstWithHostNet} for a host-network pod): the
 *       cluster DNS addresses; search {@code <ns>.svc.<domain> svc.<domain> <domain>} then the
 *       node's search list; the single option {@code ndots:5}. A host-network pod with {@code
 *       ClusterFirst}, or a kubelet without cluster DNS addresses, gets {@code Default} instead.
 *   <li>{@code Default}: the node's name servers, search list and options.
 *   <li>{@code None}: nothing but the pod's {@code dnsConfig}.
 * </ul>
 *
 * Then {@code dnsConfig} is merged in as kubelet merges it: its name servers and search domains
 * are appended and duplicates dropped (the first stays), its options replace those of the same
 * name. Last come kubelet's limits: at most 3 name servers; at most 32 search domains, none longer
 * than 253 characters, and a search line of at most 2,048 characters, cut from the end.
 */
public final class PodResolvConf {
  /** kubelet's limits (Kubernetes 1.28 and later). */
  public static final int MAX_NAMESERVERS = 3;
  public static final int MAX_SEARCH_DOMAINS = 32;
  public static final int MAX_SEARCH_DOMAIN_LENGTH = 253;
  public static final int MAX_SEARCH_LINE_CHARS = 2048;

  /** A pod's {@code spec.dnsPolicy}. */
  public enum DnsPolicy { CLUSTER_FIRST, CLUSTER_FIRST_WITH_HOST_NET, DEFAULT, NONE }

  /**
   * A pod's {@code spec.dnsConfig}: options as {@code name → value}, {@code ""} for a flag.
   */
  public record DnsConfig(List<String> nameservers, List<String> searches, Map<String, String> options) {
    public static final DnsConfig NONE = new DnsConfig(List.of(), List.of(), Map.of());

    public DnsConfig {
      nameservers = List.copyOf(nameservers);
      searches = List.copyOf(searches);
      options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
  }

  private String namespace = "default";
  private String clusterDomain = "cluster.local";
  private List<String> clusterDns = List.of("10.96.0.10");
  private DnsPolicy policy = DnsPolicy.CLUSTER_FIRST;
  private boolean hostNetwork;
  private DnsConfig dnsConfig = DnsConfig.NONE;
  private ResolvConf node = new ResolvConf(List.of(), List.of(), Map.of());

  private PodResolvConf() {}

  /** A pod in namespace {@code default} of a kubeadm cluster (domain cluster.local, DNS 10.96.0.10). */
  public static PodResolvConf pod() {
    return new PodResolvConf();
  }

  public PodResolvConf namespace(String namespace) {
    this.namespace = Objects.requireNonNull(namespace);
    return this;
  }

  public PodResolvConf clusterDomain(String domain) {
    this.clusterDomain = Objects.requireNonNull(domain);
    return this;
  }

  /** kubelet's {@code clusterDNS} addresses; empty makes ClusterFirst fall back to Default. */
  public PodResolvConf clusterDns(List<String> addresses) {
    this.clusterDns = List.copyOf(addresses);
    return this;
  }

  public PodResolvConf dnsPolicy(DnsPolicy policy) {
    this.policy = Objects.requireNonNull(policy);
    return this;
  }

  public PodResolvConf hostNetwork(boolean hostNetwork) {
    this.hostNetwork = hostNetwork;
    return this;
  }

  public PodResolvConf dnsConfig(DnsConfig config) {
    this.dnsConfig = Objects.requireNonNull(config);
    return this;
  }

  /** The node's /etc/resolv.conf (kubelet's {@code resolvConf}), used by Default and for search. */
  public PodResolvConf node(ResolvConf node) {
    this.node = Objects.requireNonNull(node);
    return this;
  }

  /** The pod's resolv.conf. */
  public ResolvConf build() {
    DnsPolicy effective = policy;
    if ((policy == DnsPolicy.CLUSTER_FIRST && hostNetwork) || (isClusterFirst(policy) && clusterDns.isEmpty())) {
      effective = DnsPolicy.DEFAULT;
    }
    if (effective == DnsPolicy.NONE && dnsConfig.nameservers().isEmpty()) {
      throw new IllegalArgumentException("dnsPolicy None needs dnsConfig with at least one nameserver");
    }
    List<String> servers = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    switch (effective) {
      case CLUSTER_FIRST, CLUSTER_FIRST_WITH_HOST_NET -> {
        servers.addAll(clusterDns);
        searches.add(namespace + ".svc." + clusterDomain);
        searches.add("svc." + clusterDomain);
        searches.add(clusterDomain);
        searches.addAll(node.search());
        options.put("ndots", "5");
      }
      case DEFAULT -> {
        servers.addAll(node.nameservers());
        searches.addAll(node.search());
        options.putAll(node.options());
      }
      case NONE -> {
        // Only dnsConfig, below.
      }
    }
    servers.addAll(dnsConfig.nameservers());
    searches.addAll(dnsConfig.searches());
    options.putAll(dnsConfig.options());
    List<String> uniqueServers = new ArrayList<>(new LinkedHashSet<>(servers));
    return new ResolvConf(
        uniqueServers.subList(0, Math.min(MAX_NAMESERVERS, uniqueServers.size())),
        withinSearchLimits(new ArrayList<>(new LinkedHashSet<>(searches))),
        options);
  }

  private static boolean isClusterFirst(DnsPolicy policy) {
    return policy == DnsPolicy.CLUSTER_FIRST || policy == DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET;
  }

  /** kubelet's cut: 32 domains, each at most 253 characters, then domains off the end to 2,048. */
  static List<String> withinSearchLimits(List<String> searches) {
    List<String> kept = new ArrayList<>();
    for (String domain : searches.subList(0, Math.min(MAX_SEARCH_DOMAINS, searches.size()))) {
      if (domain.length() <= MAX_SEARCH_DOMAIN_LENGTH) {
        kept.add(domain);
      }
    }
    int line = String.join(" ", kept).length();
    while (line > MAX_SEARCH_LINE_CHARS) {
      line -= kept.remove(kept.size() - 1).length() + 1;
    }
    return kept;
  }
}
