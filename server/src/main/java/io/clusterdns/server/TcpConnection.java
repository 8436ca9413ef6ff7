package io.clusterdns.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * The state of one client connection, driven by the listener's selector thread only: the bytes
 * of the message being assembled (length prefix and body, across any number of reads, so that
 * no timeout can split the framing), the replies waiting for the socket to take them, the
 * queries handed to workers, and the times the deadlines count from.
 */
final class TcpConnection {
  /** Enough for most queries; a longer one grows the buffer to its announced length. */
  private static final int INITIAL_BUFFER = 512;
  /** The largest buffer a connection keeps once its messages are taken. */
  static final int KEPT_BUFFER = 4096;

  private final SocketChannel channel;
  private final InetSocketAddress remote;
  private final SelectionKey key;
  private final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();
  /** Received bytes not yet taken as messages, in write mode. */
  private ByteBuffer in = ByteBuffer.allocate(INITIAL_BUFFER);

  /** Where the table keeps this connection; -1 once removed. */
  int index = -1;
  /** Queries handed to workers whose replies have not come back. */
  int inFlight;
  /** Waiting for room in the workers' queue. */
  boolean parked;
  /** The client closed its side, or the listener is stopping: read nothing more. */
  boolean inputDone;
  boolean closed;
  /** When the first byte of the message now being received arrived; 0 when none is partial. */
  long messageStarted;
  private long lastActivity;

  TcpConnection(SocketChannel channel, InetSocketAddress remote, SelectionKey key, long now) {
    this.channel = channel;
    this.remote = remote;
    this.key = key;
    this.lastActivity = now;
  }

  InetSocketAddress remote() {
    return remote;
  }

  InetAddress client() {
    return remote.getAddress();
  }

  long lastActivity() {
    return lastActivity;
  }

  void active(long now) {
    lastActivity = now;
  }

  /** Reads what the socket has; returns false at end of stream. */
  boolean read() throws IOException {
    return channel.read(in) >= 0;
  }

  /** The received bytes in read mode; give them back with {@link #endParse}. */
  ByteBuffer beginParse() {
    return in.flip();
  }

  /**
   * Keeps the unparsed bytes and makes room for a message of {@code needed} bytes. A buffer grown
   * past {@link #KEPT_BUFFER} goes back to the initial size once it is empty, so that the
   * listener's connections (1,024 at most) hold little while idle, not the longest message each
   * ever got (up to 64 KiB), and a client of somewhat long queries does not reallocate for each.
   */
  void endParse(int needed) {
    in.compact();
    if (in.position() == 0 && needed <= INITIAL_BUFFER && in.capacity() > KEPT_BUFFER) {
      in = ByteBuffer.allocate(INITIAL_BUFFER);
    } else if (in.capacity() < needed) {
      ByteBuffer larger = ByteBuffer.allocate(needed);
      larger.put(in.flip());
      in = larger;
    }
  }

  boolean hasPartialInput() {
    return in.position() > 0;
  }

  boolean hasUnsent() {
    return !unsent.isEmpty();
  }

  /** Sends {@code reply} (read mode), keeping a copy of what the socket did not take. */
  void send(ByteBuffer reply) throws IOException {
    if (unsent.isEmpty()) {
      channel.write(reply);
    }
    if (reply.hasRemaining()) {
      ByteBuffer copy = ByteBuffer.allocate(reply.remaining());
      unsent.add(copy.put(reply).flip());
    }
  }

  /** Sends {@code framed}, which this connection may keep. */
  void send(byte[] framed) throws IOException {
    ByteBuffer reply = ByteBuffer.wrap(framed);
    if (unsent.isEmpty()) {
      channel.write(reply);
    }
    if (reply.hasRemaining()) {
      unsent.add(reply);
    }
  }

  /** Writes as much of the waiting replies as the socket takes; true if any bytes went. */
  boolean flush() throws IOException {
    boolean progress = false;
    while (!unsent.isEmpty()) {
      ByteBuffer head = unsent.peek();
      progress |= channel.write(head) > 0;
      if (head.hasRemaining()) {
        break;
      }
      unsent.poll();
    }
    return progress;
  }

  /** Reads only while under the in-flight bound and with every reply sent (back-pressure). */
  void updateInterest(int maxInFlight) {
    if (closed) {
      return;
    }
    boolean reading = !inputDone && !parked && inFlight < maxInFlight && unsent.isEmpty();
    key.interestOps((reading ? SelectionKey.OP_READ : 0) | (unsent.isEmpty() ? 0 : SelectionKey.OP_WRITE));
  }

  /** Whether a partial message is being received now, so its deadline runs. */
  boolean receiving(int maxInFlight) {
    return messageStarted != 0 && !inputDone && !parked && inFlight < maxInFlight && unsent.isEmpty();
  }

  /** Nothing left to answer or send. */
  boolean settled() {
    return inFlight == 0 && unsent.isEmpty();
  }

  void close() {
    closed = true;
    key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket the peer already reset: nothing left to release.
    }
  }
}
