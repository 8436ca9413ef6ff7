package io.clusterdns.config;

/**
 * One key of a server block, such as {@code cluster.local:1053}, {@code dns://.:53} or one
 * reverse zone derived from {@code 10.96.0.0/12}.
 *
 * @param zone the zone, lower case, fully qualified with a trailing dot ({@code "."} for root)
 * @param port the port written in the key, or {@code -1} when none was given
 * @param token the key as written, for error messages
 */
public record ServerKey(String zone, int port, Token token) {
  public static final int DEFAULT_PORT = -1;

  /** The port, or {@code fallback} when the key named none. */
  public int portOr(int fallback) {
    return port == DEFAULT_PORT ? fallback : port;
  }
}
