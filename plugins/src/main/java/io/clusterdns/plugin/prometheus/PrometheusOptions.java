package io.clusterdns.plugin.prometheus;

/**
 * Where {@code /metrics} is served.
 *
 * @param host the host to bind, empty for every address (as {@code :9153} means in Go)
 * @param port the TCP port, 0 for an ephemeral one
 */
public record PrometheusOptions(String host, int port) {
  public static final String DEFAULT_HOST = "localhost";
  public static final int DEFAULT_PORT = 9153;

  public static final PrometheusOptions DEFAULT = new PrometheusOptions(DEFAULT_HOST, DEFAULT_PORT);

  /** The address as written in a Corefile, {@code host:port}. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
