package io.clusterdns.plugin.forward;

import java.time.Duration;
import org.xbill.DNS.Name;

/**
 * How an upstream is probed once a query to it failed: {@code <domain> IN NS} every {@code
 * interval} until any reply comes back.
 *
 * @param interval time between probes; zero turns probing (and so marking upstreams down) off
 * @param recursionDesired whether the probe sets RD
 * @param domain the name asked
 */
public record HealthCheck(Duration interval, boolean recursionDesired, Name domain) {
  public static final HealthCheck DEFAULT = new HealthCheck(Duration.ofMillis(500), true, Name.root);
}
