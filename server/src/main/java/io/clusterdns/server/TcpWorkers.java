package io.clusterdns.server;

import io.clusterdns.plugin.Transport;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The bounded pool that answers TCP queries without a cached reply. Queries come from the
 * selector thread, which alone counts them, so the count needs no synchronisation; replies come
 * back through a queue that the selector thread empties when the worker wakes it. A connection
 * finding the pool full is parked until a query finishes.
 */
final class TcpWorkers {
  private final QueryProcessor processor;
  private final Selector selector;
  private final int capacity;
  private final ThreadPoolExecutor pool;
  private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<TcpConnection> parked = new ArrayDeque<>();
  /** Queries handed over, queued or running; never more than the pool's queue holds. */
  private int queued;

  TcpWorkers(QueryProcessor processor, Selector selector, int threads, int capacity) {
    this.processor = processor;
    this.selector = selector;
    this.capacity = capacity;
    AtomicInteger count = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity),
        runnable -> {
          Thread thread = new Thread(runnable, "tcp-worker-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    // A query waiting on an upstream holds its thread: the pool grows to its bound under such
    // load and shrinks back when it passes.
    pool.allowCoreThreadTimeOut(true);
  }

  /** Whether a query can be taken now; if not, {@code connection} waits for {@link #takeReplies}. */
  boolean hasRoom(TcpConnection connection) {
    if (queued < capacity) {
      return true;
    }
    if (!connection.parked) {
      connection.parked = true;
      parked.add(connection);
    }
    return false;
  }

  /** Answers {@code query} (the workers' own copy) on a worker thread. */
  void submit(TcpConnection connection, byte[] query) {
    InetSocketAddress remote = connection.remote();
    connection.inFlight++;
    queued++;
    pool.execute(() -> {
      byte[] framed = null;
      try {
        byte[] reply = processor.processFully(query, query.length, remote, Transport.TCP, null);
        if (reply != null) {
          framed = new byte[reply.length + 2];
          framed[0] = (byte) (reply.length >>> 8);
          framed[1] = (byte) reply.length;
          System.arraycopy(reply, 0, framed, 2, reply.length);
        }
      } finally {
        completions.add(new Completion(connection, framed));
        selector.wakeup();
      }
    });
  }

  /**
   * On the selector thread: hands each finished reply (framed, or null when nothing is sent) to
   * {@code reply} for its connection, then each parked connection, while there is room, to
   * {@code resume}.
   */
  void takeReplies(ReplyConsumer reply, Consumer<TcpConnection> resume) {
    Completion completion;
    while ((completion = completions.poll()) != null) {
      queued--;
      completion.connection().inFlight--;
      if (!completion.connection().closed) {
        reply.accept(completion.connection(), completion.framed());
      }
    }
    while (queued < capacity && !parked.isEmpty()) {
      TcpConnection connection = parked.poll();
      connection.parked = false;
      if (!connection.closed) {
        resume.accept(connection);
      }
    }
  }

  void shutdown() {
    pool.shutdownNow();
  }

  /** Where {@link #takeReplies} sends a reply. */
  interface ReplyConsumer {
    void accept(TcpConnection connection, byte[] framed);
  }

  private record Completion(TcpConnection connection, byte[] framed) {}
}
