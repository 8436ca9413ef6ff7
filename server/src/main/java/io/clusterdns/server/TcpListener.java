package io.clusterdns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts DNS-over-TCP connections (RFC 7766): each connection has a reader, queries on it are
 * answered concurrently by a shared worker pool and may come back out of order, an idle
 * connection is closed, and connections past the cap are refused by closing them at once.
 */
final class TcpListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

  private final ServerSocket serverSocket;
  private final QueryProcessor processor;
  private final TcpSettings settings;
  private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
  private final ExecutorService readers;
  private final ExecutorService workers;
  private Thread acceptor;
  private volatile boolean running = true;

  private TcpListener(ServerSocket serverSocket, QueryProcessor processor, TcpSettings settings) {
    this.serverSocket = serverSocket;
    this.processor = processor;
    this.settings = settings;
    this.readers = Executors.newCachedThreadPool(daemon("tcp-conn"));
    // Up to settings.workers() threads, started as queries come and retired when idle: most of
    // them only wait for an upstream (forward), which must not hold up the other connections.
    ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemon("tcp-worker"));
    pool.allowCoreThreadTimeOut(true);
    this.workers = pool;
  }

  static TcpListener bind(InetSocketAddress address, QueryProcessor processor, TcpSettings settings)
      throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(address, settings.backlog());
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return new TcpListener(socket, processor, settings);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) serverSocket.getLocalSocketAddress();
  }

  void start(String name) {
    acceptor = new Thread(this::acceptLoop, name + "-tcp-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop() {
    while (running) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (running) {
          LOG.error("TCP accept on {} failed: {}", address(), e.toString());
        }
        continue;
      }
      if (connections.size() >= settings.maxConnections()) {
        LOG.warn("refusing TCP connection from {}: {} connections open", socket.getRemoteSocketAddress(), connections.size());
        closeQuietly(socket);
        continue;
      }
      TcpConnection connection = new TcpConnection(socket, processor, workers, settings, connections::remove);
      connections.add(connection);
      try {
        readers.execute(connection);
      } catch (RuntimeException e) {
        connections.remove(connection);
        closeQuietly(socket);
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed by the peer: nothing to release
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Stops accepting, answers the queries already read, then closes every connection. */
  @Override
  public void close() {
    running = false;
    try {
      serverSocket.close();
    } catch (IOException e) {
      LOG.debug("closing {}: {}", serverSocket, e.toString());
    }
    if (acceptor != null) {
      try {
        acceptor.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    connections.forEach(TcpConnection::stopReading);
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connections.forEach(TcpConnection::close);
    readers.shutdownNow();
  }

  /** Limits of the TCP listener. */
  record TcpSettings(int maxConnections, int idleTimeoutMillis, int workers, int backlog) {
    static TcpSettings defaults() {
      return new TcpSettings(1024, 10_000, 256, 128);
    }
  }
}
