package io.clusterdns.server;

import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Takes the whole length-framed queries received on a TCP connection while it has room for
 * them: those with a cached reply are answered at once, their replies gathered and written with
 * one system call; the others go to the workers. Used by the listener's selector thread only,
 * so its buffers are reused for every connection.
 */
final class TcpQueryReader {
  static final int MAX_MESSAGE = 65535;

  private final QueryProcessor processor;
  private final TcpWorkers workers;
  private final int maxInFlight;
  /** Replies gathered for one connection during one pass, written with one system call. */
  private final ByteBuffer batch = ByteBuffer.allocateDirect(2 * (MAX_MESSAGE + 2));
  private final ByteBuffer cached = ByteBuffer.allocateDirect(MAX_MESSAGE);
  private final byte[] query = new byte[MAX_MESSAGE];

  TcpQueryReader(QueryProcessor processor, TcpWorkers workers, int maxInFlight) {
    this.processor = processor;
    this.workers = workers;
    this.maxInFlight = maxInFlight;
  }

  /** Takes every whole message received while the connection has room for it. */
  void parse(TcpConnection connection) throws IOException {
    ByteBuffer in = connection.beginParse();
    int needed = 0;
    boolean took = false;
    while (in.remaining() >= 2 && hasRoom(connection)) {
      int length = in.getShort(in.position()) & 0xFFFF;
      if (in.remaining() < 2 + length) {
        needed = 2 + length;
        break;
      }
      in.position(in.position() + 2).get(query, 0, length);
      answer(connection, length);
      took = true;
    }
    connection.endParse(needed);
    long now = System.nanoTime();
    if (took) {
      connection.active(now);
      connection.messageStarted = connection.hasPartialInput() ? stamp(now) : 0;
    } else if (connection.messageStarted != 0 && !connection.receiving(maxInFlight)) {
      // Waiting on us (back-pressure) is not the client's delay: its deadline restarts.
      connection.messageStarted = stamp(now);
    }
    sendBatch(connection);
  }

  private boolean hasRoom(TcpConnection connection) {
    return !connection.closed && connection.inFlight < maxInFlight
        && !connection.hasUnsent() && workers.hasRoom(connection);
  }

  private void answer(TcpConnection connection, int length) throws IOException {
    if (processor.processCached(query, length, Transport.TCP, connection.remote(), cached)) {
      if (batch.remaining() < 2 + cached.remaining()) {
        sendBatch(connection);
      }
      if (connection.hasUnsent()) {
        connection.send(frame(cached));
      } else {
        batch.putShort((short) cached.remaining()).put(cached);
      }
      return;
    }
    workers.submit(connection, Arrays.copyOf(query, length));
  }

  private static byte[] frame(ByteBuffer reply) {
    byte[] framed = new byte[reply.remaining() + 2];
    framed[0] = (byte) (reply.remaining() >>> 8);
    framed[1] = (byte) reply.remaining();
    reply.get(framed, 2, reply.remaining());
    return framed;
  }

  private void sendBatch(TcpConnection connection) throws IOException {
    if (batch.position() > 0) {
      batch.flip();
      try {
        connection.send(batch);
      } finally {
        batch.clear();
      }
    }
  }

  /** nanoTime as a start time: 0 means "none", so a clock reading of 0 is taken as 1. */
  static long stamp(long now) {
    return now == 0 ? 1 : now;
  }
}
