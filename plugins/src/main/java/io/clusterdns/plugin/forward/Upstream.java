package io.clusterdns.plugin.forward;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.net.ssl.SSLContext;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * One upstream server: how a query reaches it (UDP, TCP or TLS, with pooled connections), and
 * its health as counted by failed health checks.
 */
final class Upstream implements AutoCloseable {
  /** Large enough for any UDP reply; one per thread, since the query path reuses it. */
  private static final ThreadLocal<byte[]> UDP_BUFFER = ThreadLocal.withInitial(() -> new byte[65535]);

  private final UpstreamAddress address;
  private final SSLContext tls;
  private final String serverName;
  private final ConnectionPool pool;
  private final UdpSockets udpSockets;
  /** The socket of asynchronous queries; set once at start, before any query, unless TLS. */
  private UdpChannel udpChannel;
  private final AtomicInteger fails = new AtomicInteger();
  private final AtomicReferenceArray<DistributionDataPoint> durations = new AtomicReferenceArray<>(16);
  private final CounterDataPoint cacheHits;
  private final CounterDataPoint cacheMisses;
  private final CounterDataPoint healthFailures;
  /** Null when health checks are off ({@code max_fails 0} or {@code health_check 0s}). */
  private final HealthProbe probe;

  Upstream(
      UpstreamAddress address, ForwardOptions options, SSLContext tls, Clock clock, ScheduledExecutorService scheduler) {
    this.address = address;
    this.tls = tls;
    this.serverName = options.tls().serverName().orElse(null);
    this.pool = new ConnectionPool(options.expire(), options.maxIdleConns(), clock);
    this.udpSockets = new UdpSockets(address.address());
    String proto = address.tls() ? "tcp-tls" : "tcp";
    this.cacheHits = ForwardMetrics.CONN_CACHE_HITS.labelValues(ForwardMetrics.PROXY_NAME, address.label(), proto);
    this.cacheMisses = ForwardMetrics.CONN_CACHE_MISSES.labelValues(ForwardMetrics.PROXY_NAME, address.label(), proto);
    this.healthFailures = ForwardMetrics.HEALTHCHECK_FAILURES.labelValues(ForwardMetrics.PROXY_NAME, address.label());
    boolean checked = options.maxFails() > 0 && !options.healthCheck().interval().isZero();
    this.probe = checked ? new HealthProbe(this, options, scheduler) : null;
  }

  /** A query to this upstream failed: find out, off the query path, whether it is down. */
  void failed() {
    if (probe != null) {
      probe.kick();
    }
  }

  UpstreamAddress address() {
    return address;
  }

  /** Whether {@code maxFails} health checks in a row failed; never with {@code maxFails} 0. */
  boolean down(int maxFails) {
    return maxFails > 0 && fails.get() >= maxFails;
  }

  void healthCheckFailed() {
    fails.incrementAndGet();
    healthFailures.inc();
  }

  void healthCheckPassed() {
    fails.set(0);
  }

  ConnectionPool pool() {
    return pool;
  }

  UdpSockets udpSockets() {
    return udpSockets;
  }

  void attach(UdpChannel channel) {
    this.udpChannel = channel;
  }

  UdpChannel udpChannel() {
    return udpChannel;
  }

  /**
   * Sends {@code query} and returns the upstream's reply to it, with the upstream's own ID and
   * question. UDP unless {@code tcp} or a TLS upstream; a truncated UDP reply is asked again over
   * TCP. Gives up at {@code deadlineNanos} or after {@code readTimeoutMillis} of waiting.
   */
  Message exchange(Message query, boolean tcp, int readTimeoutMillis, long deadlineNanos) throws IOException {
    byte[] wire = query.toWire();
    int id = ThreadLocalRandom.current().nextInt(0x10000);
    // A fresh ID per attempt, so a late or forged reply to another attempt does not match.
    wire[0] = (byte) (id >>> 8);
    wire[1] = (byte) id;
    Record question = query.getQuestion();
    Message reply;
    if (address.tls() || tcp) {
      reply = stream(wire, id, question, readTimeoutMillis, deadlineNanos);
    } else {
      reply = udp(wire, id, question, readTimeoutMillis, deadlineNanos);
      if (reply.getHeader().getFlag(Flags.TC)) {
        reply = stream(wire, id, question, readTimeoutMillis, deadlineNanos);
      }
    }
    return reply;
  }

  /** {@link #exchange} for a client's query: its time goes into the request duration metric. */
  Message forward(Message query, boolean tcp, int readTimeoutMillis, long deadlineNanos) throws IOException {
    long start = System.nanoTime();
    Message reply = exchange(query, tcp, readTimeoutMillis, deadlineNanos);
    observe(reply.getRcode(), System.nanoTime() - start);
    return reply;
  }

  void observe(int rcode, long nanos) {
    int slot = rcode & 0xF;
    DistributionDataPoint point = durations.get(slot);
    if (point == null) {
      point = ForwardMetrics.REQUEST_DURATION.labelValues(ForwardMetrics.PROXY_NAME, address.label(), Rcode.string(rcode));
      durations.set(slot, point);
    }
    point.observe(nanos / 1e9);
  }

  private Message udp(byte[] wire, int id, Record question, int readTimeoutMillis, long deadlineNanos)
      throws IOException {
    DatagramSocket socket = udpSockets.take();
    try {
      socket.send(new DatagramPacket(wire, wire.length));
      byte[] buffer = UDP_BUFFER.get();
      long readDeadline = Math.min(deadlineNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis));
      while (true) {
        socket.setSoTimeout(remainingMillis(readDeadline));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          throw new UpstreamTimeoutException("read udp " + address.label() + ": i/o timeout");
        }
        Message reply = parse(buffer, packet.getLength());
        if (reply != null && matches(reply, id, question)) {
          udpSockets.release(socket);
          socket = null;
          return reply;
        }
        // Anything else (garbage, another ID, another question) is ignored, as a resolver must.
      }
    } finally {
      if (socket != null) {
        socket.close();
      }
    }
  }

  Message stream(byte[] wire, int id, Record question, int readTimeoutMillis, long deadlineNanos)
      throws IOException {
    StreamConnection connection = pool.take();
    boolean cached = connection != null;
    if (cached) {
      cacheHits.inc();
    } else {
      cacheMisses.inc();
      connection = open(readTimeoutMillis, deadlineNanos);
    }
    try {
      Message reply = streamExchange(connection, wire, id, question, readTimeoutMillis, deadlineNanos);
      pool.release(connection);
      return reply;
    } catch (UpstreamTimeoutException | RuntimeException e) {
      connection.close();
      throw e;
    } catch (IOException e) {
      connection.close();
      if (!cached) {
        throw e;
      }
    }
    // The upstream had closed or reset the pooled connection while idle: once more on a new one.
    connection = open(readTimeoutMillis, deadlineNanos);
    try {
      Message reply = streamExchange(connection, wire, id, question, readTimeoutMillis, deadlineNanos);
      pool.release(connection);
      return reply;
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private StreamConnection open(int readTimeoutMillis, long deadlineNanos) throws IOException {
    int timeout = Math.min(readTimeoutMillis, remainingMillis(deadlineNanos));
    try {
      return StreamConnection.open(address, tls, serverName, timeout);
    } catch (SocketTimeoutException e) {
      throw new UpstreamTimeoutException("dial " + (address.tls() ? "tcp-tls " : "tcp ") + address.label() + ": i/o timeout");
    }
  }

  private Message streamExchange(
      StreamConnection connection, byte[] wire, int id, Record question, int readTimeoutMillis, long deadlineNanos)
      throws IOException {
    byte[] bytes;
    try {
      bytes = connection.exchange(wire, Math.min(readTimeoutMillis, remainingMillis(deadlineNanos)));
    } catch (SocketTimeoutException e) {
      throw new UpstreamTimeoutException("read " + (address.tls() ? "tcp-tls " : "tcp ") + address.label() + ": i/o timeout");
    }
    Message reply = parse(bytes, bytes.length);
    if (reply == null || !matches(reply, id, question)) {
      throw new IOException("upstream " + address.label() + " sent a reply that does not match the query");
    }
    return reply;
  }

  static Message parse(byte[] buffer, int length) {
    try {
      return new Message(java.util.Arrays.copyOf(buffer, length));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The reply's ID and question are the query's; a server may leave the question out of an error
   * reply (FORMERR, NOTIMP), so only a NOERROR reply must carry it.
   */
  static boolean matches(Message reply, int id, Record question) {
    if (reply.getHeader().getID() != id || !reply.getHeader().getFlag(Flags.QR)) {
      return false;
    }
    Record echoed = reply.getQuestion();
    return echoed == null ? reply.getRcode() != Rcode.NOERROR : echoed.equals(question);
  }

  private static int remainingMillis(long deadlineNanos) throws UpstreamTimeoutException {
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (remaining <= 0) {
      throw new UpstreamTimeoutException("query deadline exceeded");
    }
    return (int) Math.min(Integer.MAX_VALUE, remaining);
  }

  @Override
  public void close() {
    pool.close();
    udpSockets.close();
  }

  /** The upstream did not answer in time (as opposed to refusing or breaking the connection). */
  static final class UpstreamTimeoutException extends IOException {
    UpstreamTimeoutException(String message) {
      super(message);
    }
  }
}
