package io.clusterdns.plugin.explain;

import io.clusterdns.plugin.Explaining;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.explain.Explanation.Reason;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/**
 * A DNS listener on 127.0.0.1 (UDP and TCP, one ephemeral port) that the modelled resolver
 * sends its queries to. Each query goes into the server through {@link ServerLookup}, as if it
 * came from the client's address (a Pod IP, which no socket here could send from), and is
 * recorded with the reply and what the plugins of its block say about it. Lives for one
 * explanation; the resolver asks one query at a time, so one thread per transport serves.
 */
final class Relay implements AutoCloseable {
  private static final int MIN_UDP_PAYLOAD = 512;
  private static final int MAX_UDP_PAYLOAD = 1232;
  private static final int BIND_TRIES = 20;

  /** One query as the server saw it. */
  record Served(Name name, int type, Transport transport, Message reply, List<Reason> reasons) {}

  private final ServerLookup lookup;
  private final InetAddress client;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final List<Served> served = new ArrayList<>();

  Relay(ServerLookup lookup, InetAddress client) throws IOException {
    this.lookup = lookup;
    this.client = client;
    DatagramSocket boundUdp = null;
    ServerSocket boundTcp = null;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    // The resolver models send UDP and TCP to one address: find a port free for both.
    for (int i = 0; i < BIND_TRIES && boundTcp == null; i++) {
      boundUdp = new DatagramSocket(new InetSocketAddress(loopback, 0));
      try {
        boundTcp = new ServerSocket(boundUdp.getLocalPort(), 8, loopback);
      } catch (IOException taken) {
        boundUdp.close();
      }
    }
    if (boundTcp == null) {
      throw new IOException("no loopback port free for both UDP and TCP after " + BIND_TRIES + " tries");
    }
    this.udp = boundUdp;
    this.tcp = boundTcp;
    start("explain-udp", this::serveUdp);
    start("explain-tcp", this::serveTcp);
  }

  InetSocketAddress address() {
    return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
  }

  /** The queries served so far, in the order they came. */
  synchronized List<Served> served() {
    return List.copyOf(served);
  }

  private static void start(String name, Runnable loop) {
    Thread thread = new Thread(loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!udp.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        Message query = new Message(Arrays.copyOf(buffer, packet.getLength()));
        byte[] reply = answer(query, Transport.UDP, packet.getPort());
        udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (IOException unreadable) {
        // Not a DNS message: the modelled resolvers never send one; nothing to answer.
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try (Socket socket = tcp.accept()) {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        while (true) {
          byte[] wire = new byte[in.readUnsignedShort()];
          in.readFully(wire);
          byte[] reply = answer(new Message(wire), Transport.TCP, socket.getPort());
          out.writeShort(reply.length);
          out.write(reply);
          out.flush();
        }
      } catch (EOFException done) {
        // The resolver closed the connection after its reply.
      } catch (SocketException closed) {
        if (tcp.isClosed()) {
          return;
        }
      } catch (IOException broken) {
        // One broken connection; the next may be fine.
      }
    }
  }

  private byte[] answer(Message query, Transport transport, int port) {
    Request request = new Request(query, new InetSocketAddress(client, port), transport, ".", System.nanoTime());
    List<Reason> reasons = reasons(request);
    Message reply;
    try {
      reply = lookup.lookup(request);
    } catch (Exception e) {
      reply = Replies.servfail(request, ExtendedErrorCodeOption.OTHER, "explain: " + e.getMessage());
      reasons.add(new Reason("server", "the lookup failed: " + e));
    }
    synchronized (this) {
      served.add(new Served(request.qname(), request.qtype(), transport, reply, reasons));
    }
    return encode(query, reply, transport);
  }

  /**
   * What the plugins of the block taking the request say, in chain order; a plugin that hands on
   * another question (rewrite) has the plugins after it asked about that one.
   */
  private List<Reason> reasons(Request request) {
    List<Reason> reasons = new ArrayList<>();
    Map<String, Handler> plugins = lookup.plugins(request.qname());
    if (plugins.isEmpty()) {
      reasons.add(new Reason("server", "no server block of this port serves " + request.qname() + ": REFUSED"));
      return reasons;
    }
    Request asked = request;
    for (Map.Entry<String, Handler> plugin : plugins.entrySet()) {
      if (plugin.getValue() instanceof Explaining explaining) {
        for (String text : explaining.explain(asked)) {
          reasons.add(new Reason(plugin.getKey(), text));
        }
        asked = explaining.passedOn(asked);
      }
    }
    return reasons;
  }

  /**
   * The reply as the server's listener would send it: the query's ID, OPT when the query had
   * one, and over UDP cut to the client's size with TC (whole RRsets, as the server cuts).
   */
  private static byte[] encode(Message query, Message handlerReply, Transport transport) {
    Message reply = handlerReply.clone();
    reply.getHeader().setID(query.getHeader().getID());
    OPTRecord queryOpt = query.getOPT();
    OPTRecord replyOpt = reply.getOPT();
    if (queryOpt == null && replyOpt != null) {
      reply.removeRecord(replyOpt, Section.ADDITIONAL);
    } else if (queryOpt != null && replyOpt == null) {
      reply.addRecord(new OPTRecord(MAX_UDP_PAYLOAD, 0, 0), Section.ADDITIONAL);
    }
    if (transport == Transport.TCP) {
      return reply.toWire();
    }
    int limit = queryOpt == null ? MIN_UDP_PAYLOAD
        : Math.max(MIN_UDP_PAYLOAD, Math.min(queryOpt.getPayloadSize(), MAX_UDP_PAYLOAD));
    return reply.toWire(limit);
  }

  @Override
  public void close() {
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // Closing a listening socket fails only when it is already closed.
    }
  }
}
