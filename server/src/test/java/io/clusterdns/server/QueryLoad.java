package io.clusterdns.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Clients that query a server without pause, one over UDP (a new socket per query) and one over
 * a single TCP connection, checking every reply against what the names may answer at that time.
 */
final class QueryLoad implements AutoCloseable {
  /** What a name may answer: its one address, or NXDOMAIN when {@code maybeMissing}. */
  record Expected(String address, boolean maybeMissing) {}

  private final InetSocketAddress server;
  private final Function<String, Expected> expected;
  private final List<String> names;
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicInteger udpAnswers = new AtomicInteger();
  private final AtomicInteger tcpAnswers = new AtomicInteger();
  private final Thread udp;
  private final Thread tcp;
  private volatile boolean running = true;

  /**
   * @param expected looked up per query, so the test can widen what is correct before a change
   *     and narrow it once the change is visible
   */
  QueryLoad(InetSocketAddress server, List<String> names, Function<String, Expected> expected) {
    this.server = server;
    this.names = List.copyOf(names);
    this.expected = expected;
    this.udp = new Thread(this::udpLoop, "load-udp");
    this.tcp = new Thread(this::tcpLoop, "load-tcp");
    udp.start();
    tcp.start();
  }

  static Function<String, Expected> fixed(Map<String, Expected> byName) {
    return byName::get;
  }

  private void udpLoop() {
    for (int i = 0; running; i++) {
      String name = names.get(i % names.size());
      Expected before = expected.apply(name);
      try {
        check("udp", name, before, DnsProbe.udp(server, DnsProbe.query(name, Type.A)));
        udpAnswers.incrementAndGet();
      } catch (IOException e) {
        failures.add("udp " + name + ": " + e);
      }
    }
  }

  private void tcpLoop() {
    try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
      socket.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      for (int i = 0; running; i++) {
        String name = names.get(i % names.size());
        Expected before = expected.apply(name);
        byte[] wire = DnsProbe.query(name, Type.A).toWire();
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
        check("tcp", name, before, DnsProbe.readFramed(in));
        tcpAnswers.incrementAndGet();
      }
    } catch (IOException e) {
      failures.add("tcp connection: " + e);
    }
  }

  /** Accepts what the name could answer when the query was sent or when the reply came. */
  private void check(String transport, String name, Expected before, Message reply) {
    Expected after = expected.apply(name);
    if (!matches(before, reply) && !matches(after, reply)) {
      failures.add(transport + " " + name + ": " + Rcode.string(reply.getRcode()) + " "
          + reply.getSection(Section.ANSWER));
    }
  }

  private static boolean matches(Expected expected, Message reply) {
    if (reply.getRcode() == Rcode.NXDOMAIN) {
      return expected.maybeMissing();
    }
    List<Record> answers = reply.getSection(Section.ANSWER);
    return reply.getRcode() == Rcode.NOERROR && answers.size() == 1
        && answers.get(0) instanceof ARecord
        && ((ARecord) answers.get(0)).getAddress().getHostAddress().equals(expected.address());
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  int udpAnswers() {
    return udpAnswers.get();
  }

  int tcpAnswers() {
    return tcpAnswers.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    udp.join();
    tcp.join();
  }
}
