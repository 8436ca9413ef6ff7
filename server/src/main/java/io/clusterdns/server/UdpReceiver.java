package io.clusterdns.server;

import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.StampedLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket and the loop of its threads ({@link ReceiveTurns}): receive a query, answer it
 * on the same thread, and send the reply back through the socket.
 *
 * <p>Receives block without a timeout (a timed receive costs two more system calls per packet)
 * into direct buffers, and a cached reply goes out from a direct buffer without allocating. Only
 * the thread holding the socket's turn receives and sends cached replies, so the two direct
 * buffers belong to the socket, not to each thread: a thread costs its stack and the copy of
 * the query it answers.
 */
final class UdpReceiver {
  /** Logged as the UDP listener, as before this class was split off it: log filters keep working. */
  private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
  private static final int MAX_DATAGRAM = 65535;
  /** Enough for nearly every query; a longer one grows the thread's copy to its length. */
  private static final int INITIAL_QUERY = 512;

  private final DatagramChannel channel;
  private final QueryProcessor processor;
  private final ReceiveTurns turns;
  private final LateUdpReplies late;
  /** Read-held while a query is answered, so that closing waits for the queries in hand. */
  private final StampedLock answering = new StampedLock();
  /** Used only by the thread holding the turn: it receives into one and sends cached replies from the other. */
  private final ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  /** Queries taken before serving ({@link UdpSockets}): the first thread to serve answers them. */
  private final AtomicReference<List<Map.Entry<SocketAddress, byte[]>>> early;
  private volatile boolean running = true;

  UdpReceiver(DatagramChannel channel, QueryProcessor processor, int maxThreads,
      List<Map.Entry<SocketAddress, byte[]>> early) {
    this.channel = channel;
    this.early = new AtomicReference<>(early);
    this.processor = processor;
    this.turns = new ReceiveTurns(this::serve, maxThreads);
    this.late = new LateUdpReplies(channel);
  }

  InetSocketAddress address() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  void start(String threadName) {
    turns.start(threadName);
  }

  private void serve() {
    ReceiveTurns.Turn turn = new ReceiveTurns.Turn(turns);
    BlockingGate.install(turn);
    answerEarly();
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
      if (!turn.receiving()) {
        // Another thread took over receiving while this one waited: wait for a turn again.
        if (!turns.awaitTurnAgain()) {
          return;
        }
        turn.receiveAgain();
      }
    }
  }

  private void answerEarly() {
    List<Map.Entry<SocketAddress, byte[]>> queries = early.getAndSet(List.of());
    if (queries.isEmpty()) {
      return;
    }
    long stamp = answering.readLock();
    try {
      for (Map.Entry<SocketAddress, byte[]> query : queries) {
        answer(query.getValue(), query.getValue().length, query.getKey());
      }
    } finally {
      answering.unlockRead(stamp);
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

  /** Threads stop receiving after the packet in hand; the one waiting for a packet is woken by {@link #stop}. */
  void stopReceiving() {
    running = false;
  }

  /** Lets every thread finish the query it holds, waits for the replies owed, then closes the socket. */
  void stop() {
    // Waits for the queries in hand, if any; the lock is uncontended while serving.
    long stamp = answering.writeLock();
    try {
      late.awaitAnswered();
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing {}: {}", channel, e.toString());
    } finally {
      answering.unlockWrite(stamp);
    }
    turns.stop();
  }
}
