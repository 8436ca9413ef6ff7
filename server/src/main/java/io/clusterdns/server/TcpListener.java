package io.clusterdns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves DNS over TCP (RFC 7766) with one selector thread for every connection of a port: it
 * accepts, assembles length-framed queries across reads, answers those with a cached reply at
 * once, hands the others to a bounded worker pool, and writes the replies (possibly out of
 * order) as the sockets take them. No thread waits on an idle connection.
 *
 * <p>Limits: a whole message must arrive within the message timeout (a byte now and then does
 * not keep a connection open); a connection without a query for the idle timeout is closed; at
 * the connection cap, or a client address's cap, the connection idle longest is closed to make
 * room. A connection with its bound of queries in flight, or with replies the client has not
 * read, or finding the workers' queue full, is not read until that clears: TCP back-pressure
 * slows that client alone.
 */
final class TcpListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
  private static final long STOP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final ServerSocketChannel server;
  private final Selector selector;
  private final TcpSettings settings;
  private final TcpWorkers workers;
  /** The callbacks of the loop, made once rather than on every turn. */
  private final Consumer<SelectionKey> onReady = this::ready;
  private final TcpWorkers.ReplyConsumer onReply = this::reply;
  private final Consumer<TcpConnection> onResume = this::resume;
  private final TcpConnectionTable connections;
  private final TcpAdmission admission;
  private final TcpQueryReader reader;
  private final TcpTimeouts timeouts;
  private Thread loop;
  private volatile boolean stopping;

  private TcpListener(ServerSocketChannel server, Selector selector, QueryProcessor processor, TcpSettings settings) {
    this.server = server;
    this.selector = selector;
    this.settings = settings;
    this.connections = new TcpConnectionTable(settings.maxConnections(), settings.maxConnectionsPerClient());
    this.workers = new TcpWorkers(processor, selector, settings.workers(), settings.queueCapacity());
    this.admission = new TcpAdmission(server, selector, connections);
    this.reader = new TcpQueryReader(processor, workers, settings.maxInFlightPerConnection());
    this.timeouts = new TcpTimeouts(settings);
  }

  static TcpListener bind(InetSocketAddress address, QueryProcessor processor, TcpSettings settings)
      throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    Selector selector = null;
    try {
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(address, settings.backlog());
      server.configureBlocking(false);
      selector = Selector.open();
      server.register(selector, SelectionKey.OP_ACCEPT);
      return new TcpListener(server, selector, processor, settings);
    } catch (IOException | RuntimeException e) {
      server.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  InetSocketAddress address() {
    try {
      return (InetSocketAddress) server.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("TCP listener already closed", e);
    }
  }

  void start(String name) {
    loop = new Thread(this::run, name + "-tcp");
    loop.setDaemon(true);
    loop.start();
  }

  private void run() {
    long stopDeadline = 0;
    long nextSweep = System.nanoTime() + timeouts.sweepNanos();
    try {
      while (true) {
        long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextSweep - System.nanoTime()));
        selector.select(onReady, wait);
        takeCompletions();
        long now = System.nanoTime();
        if (stopping) {
          if (stopDeadline == 0) {
            stopDeadline = now + STOP_WAIT_NANOS;
            stopReading();
          }
          if (allSettled() || now - stopDeadline > 0) {
            break;
          }
        }
        if (now - nextSweep >= 0) {
          sweep(now);
          nextSweep = now + timeouts.sweepNanos();
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("TCP listener on {} failed: {}", server, e.toString(), e);
    } finally {
      connections.snapshot().forEach(this::close);
      try {
        selector.close();
      } catch (IOException e) {
        LOG.debug("closing the selector of {}: {}", server, e.toString());
      }
    }
  }

  private void ready(SelectionKey key) {
    if (key.channel() == server) {
      admission.acceptAll(stopping);
      return;
    }
    TcpConnection connection = (TcpConnection) key.attachment();
    if (!key.isValid() || connection.closed) {
      // Closed earlier in this round, to admit a newcomer.
      return;
    }
    try {
      if (key.isWritable() && connection.flush()) {
        connection.active(System.nanoTime());
        if (!connection.hasUnsent()) {
          reader.parse(connection);
        }
      }
      if (key.isValid() && key.isReadable()) {
        if (!connection.read()) {
          connection.inputDone = true;
        }
        if (connection.hasPartialInput() && connection.messageStarted == 0) {
          connection.messageStarted = TcpQueryReader.stamp(System.nanoTime());
        }
        reader.parse(connection);
      }
      finish(connection);
    } catch (IOException e) {
      LOG.debug("TCP connection from {}: {}", connection.remote(), e.toString());
      close(connection);
    }
  }

  /** Replies from the workers: send them, and read again from connections that waited. */
  private void takeCompletions() {
    workers.takeReplies(onReply, onResume);
  }

  private void reply(TcpConnection connection, byte[] framed) {
    try {
      if (framed != null) {
        connection.send(framed);
      }
      connection.active(System.nanoTime());
    } catch (IOException e) {
      LOG.debug("TCP reply to {} failed: {}", connection.remote(), e.toString());
      close(connection);
      return;
    }
    resume(connection);
  }

  /** Takes the messages already received, now that there may be room for them. */
  private void resume(TcpConnection connection) {
    try {
      reader.parse(connection);
      finish(connection);
    } catch (IOException e) {
      LOG.debug("TCP connection from {}: {}", connection.remote(), e.toString());
      close(connection);
    }
  }

  /** Closes a connection whose client is done once everything is answered, else sets interest. */
  private void finish(TcpConnection connection) {
    if (connection.closed) {
      return;
    }
    if (connection.inputDone && connection.settled()) {
      close(connection);
    } else {
      connection.updateInterest(settings.maxInFlightPerConnection());
    }
  }

  private void sweep(long now) {
    for (TcpConnection connection : connections.snapshot()) {
      switch (timeouts.check(connection, now)) {
        case MESSAGE_TOO_SLOW -> {
          // The stalled message is given up, not the queries before it: the connection stops
          // reading and closes once their replies are sent (the idle timeout bounds a client
          // that does not read them).
          LOG.debug("closing TCP connection from {}: no whole message within the timeout", connection.remote());
          connection.inputDone = true;
          finish(connection);
        }
        case IDLE -> close(connection);
        case WITHIN_LIMITS -> { }
      }
    }
  }

  private void stopReading() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing {}: {}", server, e.toString());
    }
    for (TcpConnection connection : connections.snapshot()) {
      connection.inputDone = true;
      finish(connection);
    }
  }

  private boolean allSettled() {
    for (TcpConnection connection : connections.snapshot()) {
      if (!connection.settled()) {
        return false;
      }
    }
    return true;
  }

  private void close(TcpConnection connection) {
    connections.close(connection);
  }

  /**
   * Stops accepting and reading, sends the replies to the queries already read (for up to 5 s),
   * then closes every connection.
   */
  @Override
  public void close() {
    stopping = true;
    if (loop == null) {
      try {
        server.close();
        selector.close();
      } catch (IOException e) {
        LOG.debug("closing {}: {}", server, e.toString());
      }
    } else {
      selector.wakeup();
      try {
        loop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.shutdown();
  }
}
