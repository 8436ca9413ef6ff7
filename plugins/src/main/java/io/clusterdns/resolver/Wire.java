package io.clusterdns.resolver;

import io.clusterdns.plugin.Transport;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * One query over UDP or TCP as a C stub resolver sends it: a random ID, RD set, and a reply
 * accepted only when its ID and question match, anything else being ignored while the time
 * lasts (so a reply with a wrong ID ends in a timeout).
 */
final class Wire {
  private static final int MAX_MESSAGE = 65535;

  private Wire() {}

  /** The absolute name of a candidate written without its final dot (empty: the root). */
  static Name candidate(String candidate) {
    try {
      return Name.fromString(candidate.isEmpty() ? "." : candidate + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: '" + candidate + "': " + e.getMessage(), e);
    }
  }

  /** A query for {@code name} and {@code type}, with OPT of {@code ednsSize} unless 0. */
  static Message query(Name name, int type, int ednsSize) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    query.getHeader().setID(ThreadLocalRandom.current().nextInt(0x10000));
    if (ednsSize > 0) {
      query.addRecord(new OPTRecord(ednsSize, 0, 0), Section.ADDITIONAL);
    }
    return query;
  }

  /** The matching reply over UDP, or null when none came within {@code timeoutMillis}. */
  static Message udp(InetSocketAddress server, Message query, long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(server);
      byte[] wire = query.toWire();
      socket.send(new DatagramPacket(wire, wire.length));
      byte[] buffer = new byte[MAX_MESSAGE];
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return null;
        }
        socket.setSoTimeout((int) left);
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException | PortUnreachableException e) {
          return null;
        }
        Message reply = parse(buffer, packet.getLength());
        if (matches(query, reply)) {
          return reply;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("UDP query to " + server, e);
    }
  }

  /** The matching reply over TCP, or null when none came within {@code timeoutMillis}. */
  static Message tcp(InetSocketAddress server, Message query, long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    try (Socket socket = new Socket()) {
      socket.connect(server, (int) Math.max(1, timeoutMillis));
      byte[] wire = query.toWire();
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return null;
        }
        socket.setSoTimeout((int) left);
        byte[] buffer;
        try {
          buffer = new byte[in.readUnsignedShort()];
          in.readFully(buffer);
        } catch (SocketTimeoutException e) {
          return null;
        }
        Message reply = parse(buffer, buffer.length);
        if (matches(query, reply)) {
          return reply;
        }
      }
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("TCP query to " + server, e);
    }
  }

  /**
   * Sends {@code query} over {@code transport} and adds what came of it to {@code exchanges}:
   * the matching reply, or null when none came within {@code timeoutMillis}.
   */
  static Message exchange(InetSocketAddress server, Message query, Transport transport, long timeoutMillis,
      List<Exchange> exchanges) {
    long start = System.nanoTime();
    Message reply = transport == Transport.UDP ? udp(server, query, timeoutMillis) : tcp(server, query, timeoutMillis);
    exchanges.add(new Exchange(name(query), query.getQuestion().getType(), transport,
        reply == null ? -1 : reply.getRcode(),
        reply != null && reply.getHeader().getFlag(Flags.TC),
        reply == null ? 0 : reply.getHeader().getCount(Section.ANSWER),
        Duration.ofNanos(System.nanoTime() - start)));
    return reply;
  }

  /** The query's name as an {@link Exchange} gives it: without the final dot, the root as {@code .}. */
  static String name(Message query) {
    Name qname = query.getQuestion().getName();
    return qname.equals(Name.root) ? "." : qname.toString(true);
  }

  private static Message parse(byte[] buffer, int length) {
    try {
      return new Message(java.util.Arrays.copyOf(buffer, length));
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean matches(Message query, Message reply) {
    return reply != null
        && reply.getHeader().getID() == query.getHeader().getID()
        && reply.getQuestion() != null
        && reply.getQuestion().getName().equals(query.getQuestion().getName())
        && reply.getQuestion().getType() == query.getQuestion().getType();
  }
}
