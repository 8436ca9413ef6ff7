package io.clusterdns.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** A raw DNS client for tests: sends exactly the bytes given, over real sockets. */
final class DnsProbe {
  private DnsProbe() {}

  static Message query(String name, int type) {
    try {
      return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    } catch (IOException e) {
      throw new IllegalArgumentException(name, e);
    }
  }

  static Message query(String name, String type) {
    return query(name, Type.value(type));
  }

  /** Sends one datagram and returns the first reply, or null when none came within the wait. */
  static byte[] udp(InetSocketAddress server, byte[] packet, int waitMillis) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(waitMillis);
      socket.send(new DatagramPacket(packet, packet.length, server));
      byte[] buffer = new byte[65535];
      DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(reply);
      } catch (java.net.SocketTimeoutException e) {
        return null;
      }
      return Arrays.copyOf(buffer, reply.getLength());
    }
  }

  static Message udp(InetSocketAddress server, Message query) throws IOException {
    byte[] reply = udp(server, query.toWire(), 5000);
    if (reply == null) {
      throw new IOException("no UDP reply from " + server + " to " + query.getQuestion());
    }
    return new Message(reply);
  }

  static Message tcp(InetSocketAddress server, Message query) throws IOException {
    try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
      socket.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      byte[] wire = query.toWire();
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      return readFramed(new DataInputStream(socket.getInputStream()));
    }
  }

  static Message readFramed(DataInputStream in) throws IOException {
    int length = in.readUnsignedShort();
    byte[] reply = new byte[length];
    in.readFully(reply);
    return new Message(reply);
  }
}
