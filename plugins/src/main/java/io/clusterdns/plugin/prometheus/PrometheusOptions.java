package io.clusterdns.plugin.prometheus;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where {@code /metrics} is served.
 *
 * @param address the address and TCP port to bind; the wildcard address for every address (as
 *     {@code :9153} means in Go), port 0 for an ephemeral one
 */
public record PrometheusOptions(InetSocketAddress address) {
  public static final int DEFAULT_PORT = 9153;

  /** {@code localhost:9153}, CoreDNS's default. */
  public static final PrometheusOptions DEFAULT =
      new PrometheusOptions(new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT));
}
