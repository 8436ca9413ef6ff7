package io.clusterdns.plugin.explain;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.resolver.ResolverBehaviour;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What to explain: a name as a client writes it, a query type, the client's resolver, and the
 * client: a Pod in {@code namespace} (a ClusterFirst resolv.conf), or the Pod holding {@code
 * podIp}, whose namespace then comes from the cluster view unless given too.
 *
 * @param type a {@link org.xbill.DNS.Type} value
 * @param namespace the client's namespace, or null to take it from {@code podIp} ({@code default}
 *     when both are null)
 * @param podIp the client's address, or null for a client the server cannot tell (queries come
 *     from 127.0.0.1)
 * @param ndots the resolv.conf's {@code ndots}, or null for the kubelet's 5
 */
public record ExplainQuestion(
    String name, int type, ResolverBehaviour behaviour, String namespace, InetAddress podIp, Integer ndots) {
  public static final String DEFAULT_NAMESPACE = "default";

  public ExplainQuestion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(behaviour, "behaviour");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("the name to explain is empty");
    }
    if (ndots != null && (ndots < 0 || ndots > ResolvConf.MAX_NDOTS)) {
      throw new IllegalArgumentException("ndots must be 0 to " + ResolvConf.MAX_NDOTS + ", got " + ndots);
    }
  }
}
