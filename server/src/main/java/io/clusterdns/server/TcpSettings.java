package io.clusterdns.server;

/**
 * Limits of the TCP listener.
 *
 * @param maxConnections open connections per port
 * @param idleTimeoutMillis how long a connection may go without a query
 * @param workers threads answering queries without a cached reply
 * @param backlog the accept queue of the kernel
 * @param maxConnectionsPerClient open connections per client address
 * @param maxInFlightPerConnection queries of one connection handed to workers at once
 * @param messageTimeoutMillis how long a whole message (prefix and body) may take to arrive
 * @param queueCapacity queries handed to the workers at once, over all connections
 */
record TcpSettings(int maxConnections, int idleTimeoutMillis, int workers, int backlog,
    int maxConnectionsPerClient, int maxInFlightPerConnection, int messageTimeoutMillis, int queueCapacity) {
  /**
   * The kernel's accept queue: a storm of connections (clients falling back from truncated UDP
   * answers, or an attacker reconnecting) must not overflow it, or a newcomer's SYN is dropped
   * and it waits a second for the retransmission. Linux caps it at net.core.somaxconn.
   */
  static final int BACKLOG = 1024;

  /**
   * Worker threads at most: enough for queries that wait on an upstream (forward) not to hold up
   * the others, few enough that a flood of queries over many connections cannot make the server
   * spend a thread on each (a pool starts a thread per task until it has its core size); they
   * start on demand and retire when idle.
   */
  static final int DEFAULT_WORKERS = 32;

  static TcpSettings defaults() {
    return new TcpSettings(1024, 10_000, DEFAULT_WORKERS, BACKLOG,
        256, 32, 2_000, 1024);
  }

  TcpSettings withMaxConnections(int value) {
    return new TcpSettings(value, idleTimeoutMillis, workers, backlog, maxConnectionsPerClient,
        maxInFlightPerConnection, messageTimeoutMillis, queueCapacity);
  }

  TcpSettings withIdleTimeoutMillis(int value) {
    return new TcpSettings(maxConnections, value, workers, backlog, maxConnectionsPerClient,
        maxInFlightPerConnection, messageTimeoutMillis, queueCapacity);
  }

  TcpSettings withMaxConnectionsPerClient(int value) {
    return new TcpSettings(maxConnections, idleTimeoutMillis, workers, backlog, value,
        maxInFlightPerConnection, messageTimeoutMillis, queueCapacity);
  }

  TcpSettings withMaxInFlightPerConnection(int value) {
    return new TcpSettings(maxConnections, idleTimeoutMillis, workers, backlog, maxConnectionsPerClient,
        value, messageTimeoutMillis, queueCapacity);
  }

  TcpSettings withMessageTimeoutMillis(int value) {
    return new TcpSettings(maxConnections, idleTimeoutMillis, workers, backlog, maxConnectionsPerClient,
        maxInFlightPerConnection, value, queueCapacity);
  }

  TcpSettings withQueueCapacity(int value) {
    return new TcpSettings(maxConnections, idleTimeoutMillis, workers, backlog, maxConnectionsPerClient,
        maxInFlightPerConnection, messageTimeoutMillis, value);
  }
}
