package io.clusterdns.server;

import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.StampedLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives queries on one UDP address with one socket per worker, the sockets sharing the port
 * through SO_REUSEPORT so the kernel spreads clients over them. One thread at a time receives on
 * each socket and answers what it received itself, so a query that the chain answers from memory
 * (a cached reply, an authoritative zone, the cache plugin) takes no hand-off between threads.
 *
 * <p>A query that reaches a {@link io.clusterdns.plugin.Handler#blocking blocking} handler
 * (forward) would hold the socket for a round trip to the upstream. So, just before that handler
 * runs, the thread hands the socket on (leader/followers): an idle thread of the socket takes
 * over receiving, or a new one is started, up to the socket's share of the port's thread limit.
 * The thread that waited then answers its query and, when done, waits for its next turn. When
 * every thread is waiting for an upstream, a query that must wait too is refused at once (see
 * {@link BlockChain}). A chain that answers asynchronously ({@link
 * io.clusterdns.plugin.AsyncHandler}, forward over UDP) needs no hand-off: the thread that
 * completes it sends the reply through this socket, and closing waits for the replies so owed.
 *
 * <p>Receives block without a timeout (a timed receive costs two more system calls per packet)
 * into direct buffers, and a cached reply goes out from a direct buffer without allocating. Only
 * the thread holding a socket's turn receives and sends cached replies, so the two direct
 * buffers belong to the socket, not to each thread: a thread costs its stack and the copy of
 * the query it answers. A thread that has waited {@link #IDLE_THREAD_NANOS} for a turn ends, so
 * the threads a burst of forwarded queries started do not outlive it.
 */
final class UdpListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
  /** A large receive buffer: with the kernel default, bursts of queries are dropped. */
  private static final int RECEIVE_BUFFER = 8 << 20;
  private static final int MAX_DATAGRAM = 65535;
  /** Enough for nearly every query; a longer one grows the thread's copy to its length. */
  private static final int INITIAL_QUERY = 512;
  /** How long a thread beyond the receiving one waits for a turn before it ends. */
  static final long IDLE_THREAD_NANOS = TimeUnit.SECONDS.toNanos(30);
  /** How long closing waits for replies still owed (forward's query deadline and a margin). */
  private static final long AWAIT_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(6);
  private static final long AWAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final QueryProcessor processor;
  private final List<Receiver> receivers = new ArrayList<>();
  private final int maxThreads;
  private volatile boolean running = true;

  private UdpListener(QueryProcessor processor, int maxThreads) {
    this.processor = processor;
    this.maxThreads = maxThreads;
  }

  /**
   * Binds {@code workers} sockets to {@code address} (port 0 picks one port for all), served by
   * at most {@code maxThreads} threads in all, but at least two per socket: one to receive while
   * the other waits for an upstream.
   */
  static UdpListener bind(InetSocketAddress address, int workers, int maxThreads, QueryProcessor processor)
      throws IOException {
    boolean reusePort = workers > 1 && supportsReusePort();
    int count = reusePort ? workers : 1;
    UdpListener listener = new UdpListener(processor, Math.max(2, maxThreads / count));
    try {
      InetSocketAddress bound = address;
      if (reusePort) {
        bound = exclusiveProbe(address);
      }
      for (int i = 0; i < count; i++) {
        DatagramChannel channel = DatagramChannel.open();
        listener.receivers.add(listener.new Receiver(channel));
        if (reusePort) {
          channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
        channel.bind(bound);
        bound = (InetSocketAddress) channel.getLocalAddress();
      }
      return listener;
    } catch (IOException | RuntimeException e) {
      listener.close();
      throw e;
    }
  }

  /**
   * Binds and closes one socket without SO_REUSEPORT, which fails if any other socket holds the
   * port: with the option, a socket would join the group of another server of the same user and
   * take a share of its queries. Returns the address with the port it got (for port 0).
   */
  private static InetSocketAddress exclusiveProbe(InetSocketAddress address) throws IOException {
    try (DatagramChannel probe = DatagramChannel.open()) {
      probe.bind(address);
      return (InetSocketAddress) probe.getLocalAddress();
    }
  }

  private static boolean supportsReusePort() {
    try (DatagramChannel probe = DatagramChannel.open()) {
      return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    } catch (IOException e) {
      return false;
    }
  }

  InetSocketAddress address() {
    try {
      return (InetSocketAddress) receivers.get(0).channel.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("UDP listener already closed", e);
    }
  }

  void start(String name) {
    for (int i = 0; i < receivers.size(); i++) {
      receivers.get(i).start(name + "-udp-" + i);
    }
  }

  /**
   * Stops receiving, lets every thread finish the query it holds, then closes the sockets. The
   * thread waiting for a packet is woken by closing its socket.
   */
  @Override
  public void close() {
    running = false;
    for (Receiver receiver : receivers) {
      receiver.stop();
    }
  }

  /** One socket and the threads that serve it, one of them receiving at a time. */
  private final class Receiver {
    private final DatagramChannel channel;
    /** Read-held while a query is answered, so that closing waits for the queries in hand. */
    private final StampedLock answering = new StampedLock();
    /** Turns to receive, released to an idle thread when the receiving one is about to block. */
    private final Semaphore turns = new Semaphore(0);
    /** Threads waiting for a turn that no hand-off has claimed yet. */
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** Used only by the thread holding the turn: it receives into one and sends cached replies from the other. */
    private final ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private String name;
    /** Replies that the thread completing an asynchronous chain will send (forward's). */
    private final AtomicInteger awaited = new AtomicInteger();
    /** Made once, so that handing it to the processor costs nothing per query. */
    private final QueryProcessor.LateSender late = new QueryProcessor.LateSender() {
      @Override
      public void send(byte[] reply, InetSocketAddress remote) {
        sendLate(reply, remote);
      }

      @Override
      public void awaiting() {
        awaited.incrementAndGet();
      }

      @Override
      public void answered() {
        awaited.decrementAndGet();
      }
    };

    Receiver(DatagramChannel channel) {
      this.channel = channel;
    }

    void start(String threadName) {
      this.name = threadName;
      startThread();
    }

    /** Starts a thread that receives at once, unless the socket has all the threads it may. */
    private boolean startThread() {
      int number = started.incrementAndGet();
      if (number > maxThreads) {
        started.decrementAndGet();
        return false;
      }
      Thread thread = new Thread(this::serve, number == 1 ? name : name + "-" + number);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
      return true;
    }

    /** Hands the turn to receive to an idle thread, or to a new one; false if there is none. */
    boolean handOff() {
      int waiting;
      do {
        waiting = idle.get();
        if (waiting == 0) {
          return startThread();
        }
      } while (!idle.compareAndSet(waiting, waiting - 1));
      turns.release();
      return true;
    }

    void serve() {
      Turn turn = new Turn(this);
      BlockingGate.install(turn);
      byte[] query = new byte[INITIAL_QUERY];
      while (running) {
        in.clear();
        SocketAddress remote;
        try {
          remote = channel.receive(in);
        } catch (ClosedChannelException e) {
          break;
        } catch (IOException e) {
          LOG.error("UDP receive on {} failed: {}", channel, e.toString());
          continue;
        }
        long stamp = answering.readLock();
        try {
          int length = in.flip().remaining();
          if (length > query.length) {
            query = new byte[length];
          }
          in.get(query, 0, length);
          answer(query, length, remote);
        } finally {
          answering.unlockRead(stamp);
        }
        if (!turn.receiving) {
          // Another thread took over receiving while this one waited: wait for a turn again.
          idle.incrementAndGet();
          if (!awaitTurn()) {
            started.decrementAndGet();
            threads.remove(Thread.currentThread());
            return;
          }
          turn.receiving = true;
        }
      }
    }

    /**
     * Waits for a turn to receive; false when none came within the idle time and this thread
     * may end. It may only when it can take itself off the idle count: at zero, every waiting
     * thread has a turn handed to it, this one included.
     */
    private boolean awaitTurn() {
      while (true) {
        try {
          if (turns.tryAcquire(IDLE_THREAD_NANOS, TimeUnit.NANOSECONDS)) {
            return true;
          }
        } catch (InterruptedException e) {
          // Nobody interrupts these threads (stopping releases turns instead), and keeping the
          // flag would make the next receive close the socket: taken as the end of the wait.
        }
        int waiting = idle.get();
        if (waiting > 0 && idle.compareAndSet(waiting, waiting - 1)) {
          return false;
        }
      }
    }

    private void answer(byte[] query, int length, SocketAddress remote) {
      ByteBuffer reply = out;
      if (!processor.processCached(query, length, Transport.UDP, remote, out)) {
        byte[] full = processor.processFully(query, length, (InetSocketAddress) remote, Transport.UDP, late);
        if (full == null) {
          return;
        }
        reply = ByteBuffer.wrap(full);
      }
      try {
        channel.send(reply, remote);
      } catch (IOException e) {
        LOG.debug("UDP reply to {} failed: {}", remote, e.toString());
      }
    }

    /**
     * Waits until the replies that other threads owe to queries of this socket are sent, for
     * at most {@link #AWAIT_LIMIT_NANOS}: forward gives every query up at its 5 s deadline.
     */
    private void awaitAnswered() {
      long deadline = System.nanoTime() + AWAIT_LIMIT_NANOS;
      while (awaited.get() > 0 && System.nanoTime() - deadline < 0) {
        LockSupport.parkNanos(AWAIT_POLL_NANOS);
      }
    }

    /** Sends a delayed reply from another thread; a datagram channel sends safely from several. */
    private void sendLate(byte[] reply, InetSocketAddress remote) {
      try {
        channel.send(ByteBuffer.wrap(reply), remote);
      } catch (IOException e) {
        LOG.debug("late UDP reply to {} failed: {}", remote, e.toString());
      }
    }

    void stop() {
      // Waits for the queries in hand, if any; the lock is uncontended while serving.
      long stamp = answering.writeLock();
      try {
        awaitAnswered();
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing {}: {}", channel, e.toString());
      } finally {
        answering.unlockWrite(stamp);
      }
      // Wakes every thread waiting for a turn; each then sees that the listener stopped.
      turns.release(maxThreads);
      for (Thread thread : threads) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Whether a thread holds its socket's turn to receive; touched only by that thread. */
  private static final class Turn implements BlockingGate.Gate {
    private final Receiver receiver;
    private boolean receiving = true;

    Turn(Receiver receiver) {
      this.receiver = receiver;
    }

    @Override
    public boolean beforeBlocking() {
      if (!receiving) {
        return true;
      }
      if (!receiver.handOff()) {
        return false;
      }
      receiving = false;
      return true;
    }
  }
}
