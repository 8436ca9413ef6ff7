package io.clusterdns.resolver;

import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * One UDP socket with several queries outstanding on it, as a C library waits for A and AAAA at
 * once. Each datagram sent takes its place in the exchange list when sent and is filled in when
 * its reply comes, when the same query is sent again, or when the session closes (a timeout).
 */
final class UdpSession implements AutoCloseable {
  private static final int MAX_MESSAGE = 65535;

  private final DatagramSocket socket;
  private final List<Exchange> exchanges;
  private final List<Message> queries = new ArrayList<>();
  /** Per query: the exchange-list index of its latest send, and when that was. */
  private final List<Integer> slots = new ArrayList<>();
  private final List<Long> sentAt = new ArrayList<>();
  private final byte[] buffer = new byte[MAX_MESSAGE];

  UdpSession(InetSocketAddress server, List<Exchange> exchanges) {
    this.exchanges = exchanges;
    try {
      socket = new DatagramSocket();
      socket.connect(server);
    } catch (IOException e) {
      throw new UncheckedIOException("UDP socket to " + server, e);
    }
  }

  /** Adds {@code query} to the session, unsent; returns its index. */
  int add(Message query) {
    queries.add(query);
    slots.add(-1);
    sentAt.add(0L);
    return queries.size() - 1;
  }

  /** Sends query {@code index} (again): a previous send still unanswered is reported timed out. */
  void send(int index) {
    timeOut(index);
    byte[] wire = queries.get(index).toWire();
    try {
      socket.send(new DatagramPacket(wire, wire.length));
    } catch (IOException e) {
      throw new UncheckedIOException("UDP query to " + socket.getRemoteSocketAddress(), e);
    }
    exchanges.add(null);
    slots.set(index, exchanges.size() - 1);
    sentAt.set(index, System.nanoTime());
  }

  /** The next datagram that parses as DNS, or null once {@code deadlineNanos} passed. */
  Message receive(long deadlineNanos) {
    while (true) {
      long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return null;
      }
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.setSoTimeout((int) left);
        socket.receive(packet);
      } catch (SocketTimeoutException | PortUnreachableException e) {
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException("UDP reply from " + socket.getRemoteSocketAddress(), e);
      }
      try {
        return new Message(Arrays.copyOf(buffer, packet.getLength()));
      } catch (IOException e) {
        // Not DNS: dropped, as the libraries drop a datagram they cannot parse.
      }
    }
  }

  /** The index of the query {@code reply} answers by ID (and question, with {@code question}), or -1. */
  int match(Message reply, boolean question) {
    for (int i = 0; i < queries.size(); i++) {
      Message query = queries.get(i);
      if (reply.getHeader().getID() == query.getHeader().getID()
          && (!question || reply.getQuestion() != null
              && reply.getQuestion().getName().equals(query.getQuestion().getName())
              && reply.getQuestion().getType() == query.getQuestion().getType())) {
        return i;
      }
    }
    return -1;
  }

  /** Reports {@code reply} as the answer to the latest send of query {@code index}, if still unanswered. */
  void answered(int index, Message reply) {
    int slot = slots.get(index);
    if (slot >= 0 && exchanges.get(slot) == null) {
      Message query = queries.get(index);
      exchanges.set(slot, new Exchange(Wire.name(query), query.getQuestion().getType(), Transport.UDP,
          reply.getRcode(), reply.getHeader().getFlag(Flags.TC), reply.getHeader().getCount(Section.ANSWER),
          Duration.ofNanos(System.nanoTime() - sentAt.get(index))));
    }
  }

  private void timeOut(int index) {
    int slot = slots.get(index);
    if (slot >= 0 && exchanges.get(slot) == null) {
      Message query = queries.get(index);
      exchanges.set(slot, new Exchange(Wire.name(query), query.getQuestion().getType(), Transport.UDP, -1, false,
          0, Duration.ofNanos(System.nanoTime() - sentAt.get(index))));
    }
  }

  /** Reports every unanswered send as timed out, and closes the socket. */
  @Override
  public void close() {
    for (int i = 0; i < queries.size(); i++) {
      timeOut(i);
    }
    socket.close();
  }
}
