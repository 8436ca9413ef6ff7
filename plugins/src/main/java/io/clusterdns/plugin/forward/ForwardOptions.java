package io.clusterdns.plugin.forward;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * The parsed {@code forward} directive.
 *
 * @param from the zone whose names are forwarded ({@code .} for every name)
 * @param upstreams where to forward, 1 to 15, in Corefile order
 * @param except names (and the names under them) that are passed to the next plugin instead
 * @param forceTcp always TCP to the upstreams
 * @param preferUdp UDP to the upstreams even for clients that came over TCP
 * @param expire how long an idle pooled TCP or TLS connection is kept
 * @param maxFails failed health checks in a row after which an upstream is down; 0 never
 * @param healthCheck how upstreams are probed after an error
 * @param policy the order in which upstreams are tried
 * @param maxConcurrent queries in flight beyond which clients get REFUSED; 0 unlimited
 * @param nextRcodes upstream rcodes on which the query goes to the next plugin instead
 * @param nextOnNodata whether a NODATA reply goes to the next plugin too
 * @param failoverRcodes upstream rcodes on which the next upstream is tried
 * @param failfastAllUnhealthy SERVFAIL at once when every upstream is down
 * @param readTimeout how long one upstream has to answer one attempt
 * @param maxIdleConns idle connections kept per upstream; 0 unlimited
 * @param maxConnectAttempts upstream attempts per query; 0 unlimited
 * @param tls how {@code tls://} upstreams are reached
 */
public record ForwardOptions(
    Name from,
    List<UpstreamAddress> upstreams,
    List<Name> except,
    boolean forceTcp,
    boolean preferUdp,
    Duration expire,
    int maxFails,
    HealthCheck healthCheck,
    Policy policy,
    int maxConcurrent,
    Set<Integer> nextRcodes,
    boolean nextOnNodata,
    Set<Integer> failoverRcodes,
    boolean failfastAllUnhealthy,
    Duration readTimeout,
    int maxIdleConns,
    int maxConnectAttempts,
    TlsOptions tls) {
  /** The deadline of one forwarded query, whatever the upstreams do (CoreDNS's defaultTimeout). */
  static final Duration QUERY_DEADLINE = Duration.ofSeconds(5);

  public ForwardOptions {
    upstreams = List.copyOf(upstreams);
    except = List.copyOf(except);
    nextRcodes = Set.copyOf(nextRcodes);
    failoverRcodes = Set.copyOf(failoverRcodes);
  }
}
