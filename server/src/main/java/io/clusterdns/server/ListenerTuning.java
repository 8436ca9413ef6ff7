package io.clusterdns.server;

import java.net.InetAddress;
import java.time.Duration;

/**
 * The builder's settings of the listeners: the port and address, the UDP sockets and threads,
 * the TCP limits. A part of {@link ClusterDns.Builder} kept apart from the Corefile and plugin
 * settings; each method returns the builder, so that calls chain across both.
 *
 * @param <B> the builder type
 */
public abstract class ListenerTuning<B extends ListenerTuning<B>> {
  private final ListenerChoices listeners;

  ListenerTuning(ListenerChoices listeners) {
    this.listeners = listeners;
  }

  /** The builder itself, for chaining. */
  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The port for zones that name none; 0 (ephemeral) by default. */
  public B defaultPort(int port) {
    listeners.defaultPort(port);
    return self();
  }

  /** The address every listener binds to; the loopback address by default. */
  public B bindAddress(InetAddress address) {
    listeners.bindAddress(address);
    return self();
  }

  /** How many UDP sockets and threads share each port (SO_REUSEPORT); one per core by default. */
  public B udpWorkers(int workers) {
    listeners.udpWorkers(workers);
    return self();
  }

  /**
   * How many threads may serve the UDP sockets of each port, most of them waiting for
   * upstreams (forward): one per query waiting at once, and when all wait, a query that must
   * wait too is refused (REFUSED with an Extended DNS Error). Shared out among the port's
   * sockets ({@link #udpWorkers}), each of which has at least two. 256 by default.
   */
  public B udpThreads(int threads) {
    listeners.udpThreads(threads);
    return self();
  }

  /** How long a TCP connection may stay idle before it is closed; 10 s by default. */
  public B tcpIdleTimeout(Duration timeout) {
    listeners.tcpIdleTimeout(timeout);
    return self();
  }

  /** How many TCP connections may be open at once per port; 1,024 by default. */
  public B maxTcpConnections(int connections) {
    listeners.maxTcpConnections(connections);
    return self();
  }

  /**
   * How many TCP connections one client address may hold open at once per port; 256 by
   * default. A client at its cap that connects again loses its connection idle longest.
   */
  public B maxTcpConnectionsPerClient(int connections) {
    listeners.maxTcpConnectionsPerClient(connections);
    return self();
  }

  /**
   * How many queries of one TCP connection may wait for an answer at once; 32 by default. Past
   * it the connection is not read until an answer goes out.
   */
  public B maxTcpQueriesInFlight(int queries) {
    listeners.maxTcpQueriesInFlight(queries);
    return self();
  }

  /**
   * How many TCP queries of all connections of a port may wait for a worker at once; 1,024 by
   * default. A connection finding the queue full is not read until a query finishes.
   */
  public B maxTcpQueriesQueued(int queries) {
    listeners.maxTcpQueriesQueued(queries);
    return self();
  }

  /**
   * How long one whole TCP message, length prefix and body, may take to arrive once its first
   * byte has; 2 s by default.
   */
  public B tcpMessageTimeout(Duration timeout) {
    listeners.tcpMessageTimeout(timeout);
    return self();
  }
}
