package io.clusterdns.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * What the builder was told about the listeners (port, address, UDP sockets and threads, TCP
 * limits), each value checked as it is given, with the builder method's name in the message.
 * Used by one builder thread.
 */
final class ListenerChoices {
  /**
   * Enough for queries waiting on upstreams at 2 ms round trip to fill two cores (some
   * 100,000 queries a second), few enough that idle ones cost little.
   */
  static final int DEFAULT_UDP_THREADS = 256;
  private static final int MAX_PORT = 65535;

  private int defaultPort = 0;
  private InetAddress bindAddress = InetAddress.getLoopbackAddress();
  private int udpWorkers = Runtime.getRuntime().availableProcessors();
  private int udpThreads = DEFAULT_UDP_THREADS;
  private TcpSettings tcp = TcpSettings.defaults();

  int defaultPort() {
    return defaultPort;
  }

  InetAddress bindAddress() {
    return bindAddress;
  }

  int udpWorkers() {
    return udpWorkers;
  }

  int udpThreads() {
    return udpThreads;
  }

  TcpSettings tcp() {
    return tcp;
  }

  void defaultPort(int port) {
    if (port < 0 || port > MAX_PORT) {
      throw new IllegalArgumentException("port must be 0–65535, got " + port);
    }
    defaultPort = port;
  }

  void bindAddress(InetAddress address) {
    bindAddress = Objects.requireNonNull(address);
  }

  void udpWorkers(int workers) {
    udpWorkers = atLeastOne("udpWorkers", workers);
  }

  void udpThreads(int threads) {
    udpThreads = atLeastOne("udpThreads", threads);
  }

  void tcpIdleTimeout(Duration timeout) {
    tcp = tcp.withIdleTimeoutMillis(positiveMillis("tcpIdleTimeout", timeout));
  }

  void maxTcpConnections(int connections) {
    tcp = tcp.withMaxConnections(atLeastOne("maxTcpConnections", connections));
  }

  void maxTcpConnectionsPerClient(int connections) {
    tcp = tcp.withMaxConnectionsPerClient(atLeastOne("maxTcpConnectionsPerClient", connections));
  }

  void maxTcpQueriesInFlight(int queries) {
    tcp = tcp.withMaxInFlightPerConnection(atLeastOne("maxTcpQueriesInFlight", queries));
  }

  void maxTcpQueriesQueued(int queries) {
    tcp = tcp.withQueueCapacity(atLeastOne("maxTcpQueriesQueued", queries));
  }

  void tcpMessageTimeout(Duration timeout) {
    tcp = tcp.withMessageTimeoutMillis(positiveMillis("tcpMessageTimeout", timeout));
  }

  private static int atLeastOne(String setting, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(setting + " must be at least 1, got " + value);
    }
    return value;
  }

  private static int positiveMillis(String setting, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(setting + " must be positive, got " + timeout);
    }
    return (int) timeout.toMillis();
  }
}
