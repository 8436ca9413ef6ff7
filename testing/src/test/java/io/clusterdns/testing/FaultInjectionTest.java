package io.clusterdns.testing;

import static io.clusterdns.testing.Kube.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Each fault, seen by a raw socket or dnsjava's resolver, and logged as injected. */
class FaultInjectionTest {
  private static final String NGINX = "nginx-service.default.svc.cluster.local";

  @RegisterExtension
  final ClusterDnsExtension dns = new ClusterDnsExtension()
      .with(service("nginx-service").clusterIp("10.96.0.20"), service("other").clusterIp("10.96.0.21"));

  @Test
  void dropSendsNothingAndTimesLimitsTheFault() throws Exception {
    dns.inject(Fault.on(NGINX).type(Type.A).drop().times(1));
    try (DatagramSocket socket = socket(300)) {
      Message query = query(NGINX, Type.A);
      send(socket, query);
      assertThrows(SocketTimeoutException.class, () -> receive(socket));
      send(socket, query);
      assertEquals(Rcode.NOERROR, receive(socket).getRcode());
    }
    List<QueryRecord> queries = dns.queries();
    assertEquals(Optional.of(Fault.Action.DROP), queries.get(0).fault());
    assertEquals(-1, queries.get(0).rcode());
    assertEquals("none", queries.get(0).rcodeName());
    assertTrue(queries.get(1).fault().isEmpty());
  }

  @Test
  void rcodeFaultsAnswerEmptyWithThatRcode() {
    dns.inject(Fault.on("nginx-*").type(Type.A).servfail())
        .inject(Fault.on("*.svc.cluster.local").type(Type.AAAA).nxdomain())
        .inject(Fault.on("OTHER.default.svc.cluster.local.").refused());
    assertEquals(Rcode.SERVFAIL, Dns.ask(dns.udpAddress(), NGINX, Type.A).getRcode());
    assertEquals(Rcode.NXDOMAIN, Dns.ask(dns.udpAddress(), NGINX, Type.AAAA).getRcode());
    assertEquals(Rcode.REFUSED, Dns.ask(dns.udpAddress(), "other.default.svc.cluster.local", Type.A).getRcode());
    assertEquals(Rcode.NOERROR, Dns.ask(dns.udpAddress(), NGINX, Type.SRV).getRcode());
    assertEquals(List.of(Optional.of(Fault.Action.SERVFAIL), Optional.of(Fault.Action.NXDOMAIN),
        Optional.of(Fault.Action.REFUSED), Optional.<Fault.Action>empty()),
        dns.queries().stream().map(QueryRecord::fault).toList());
  }

  @Test
  void truncateSetsTcOverUdpAndTheClientGetsTheAnswerOverTcp() {
    dns.inject(Fault.on(NGINX).truncate());
    Message reply = Dns.ask(dns.udpAddress(), NGINX, Type.A);
    assertEquals(List.of("10.96.0.20"), Dns.answers(reply));
    dns.assertQueries().hasSize(2);
    assertEquals(List.of(Transport.UDP, Transport.TCP), dns.queries().stream().map(QueryRecord::transport).toList());
    assertEquals(Optional.of(Fault.Action.TRUNCATE), dns.queries().get(0).fault());
  }

  @Test
  void wrongIdRepliesWithAnotherId() throws Exception {
    dns.inject(Fault.on(NGINX).wrongId());
    try (DatagramSocket socket = socket(2000)) {
      Message query = query(NGINX, Type.A);
      send(socket, query);
      Message reply = receive(socket);
      assertNotEquals(query.getHeader().getID(), reply.getHeader().getID());
      assertEquals(List.of("10.96.0.20"), Dns.answers(reply));
    }
  }

  @Test
  void delayHoldsTheReplyBackButNotOtherQueries() throws Exception {
    Duration delay = Duration.ofMillis(400);
    dns.inject(Fault.on(NGINX).delay(delay));
    try (DatagramSocket socket = socket(3000)) {
      long start = System.nanoTime();
      send(socket, query(NGINX, Type.A));
      send(socket, query("other.default.svc.cluster.local", Type.A));
      assertEquals("other.default.svc.cluster.local.", receive(socket).getQuestion().getName().toString());
      Message late = receive(socket);
      assertEquals(NGINX + ".", late.getQuestion().getName().toString());
      assertTrue(System.nanoTime() - start >= delay.toNanos());
    }
  }

  @Test
  void faultsAddedFirstTakeAQueryFirstAndClearFaultsEndsThem() {
    dns.inject(Fault.on(NGINX).servfail().times(1)).inject(Fault.on("*").refused());
    assertEquals(Rcode.SERVFAIL, Dns.ask(dns.udpAddress(), NGINX, Type.A).getRcode());
    assertEquals(Rcode.REFUSED, Dns.ask(dns.udpAddress(), NGINX, Type.A).getRcode());
    dns.server().clearFaults();
    assertEquals(Rcode.NOERROR, Dns.ask(dns.udpAddress(), NGINX, Type.A).getRcode());
  }

  @Test
  void badFaultsAreRejectedWhereTheyAreWritten() {
    assertEquals("times must be positive (or -1 for always), got 0",
        assertThrows(IllegalArgumentException.class, () -> Fault.on("*").drop().times(0)).getMessage());
    assertEquals("delay must not be negative, got PT-1S",
        assertThrows(IllegalArgumentException.class, () -> Fault.on("*").delay(Duration.ofSeconds(-1))).getMessage());
    assertThrows(org.xbill.DNS.InvalidTypeException.class, () -> Fault.on("*").type(70000));
  }

  @Test
  void globsMatchWholeNamesIgnoringCase() {
    assertTrue(Fault.on("*.svc.cluster.local").drop().regex().matcher("a.b.svc.cluster.local").matches());
    assertTrue(Fault.on("NGINX-*").drop().regex().matcher("nginx-service.default").matches());
    assertTrue(!Fault.on("nginx").drop().regex().matcher("nginx-service").matches());
    assertTrue(Fault.on("a.b(c)*").drop().regex().matcher("a.b(c)d").matches());
    assertTrue(!Fault.on("a.b").drop().regex().matcher("axb").matches());
  }

  private static DatagramSocket socket(int timeoutMillis) throws IOException {
    DatagramSocket socket = new DatagramSocket();
    socket.setSoTimeout(timeoutMillis);
    return socket;
  }

  private void send(DatagramSocket socket, Message query) throws IOException {
    byte[] wire = query.toWire();
    socket.send(new DatagramPacket(wire, wire.length, dns.udpAddress()));
  }

  private static Message receive(DatagramSocket socket) throws IOException {
    byte[] buffer = new byte[65535];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.receive(packet);
    return new Message(Arrays.copyOf(buffer, packet.getLength()));
  }

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
  }

  @Test
  void aDroppedReplyIsNeverSentLater() throws Exception {
    dns.inject(Fault.on(NGINX).drop());
    try (DatagramSocket socket = socket(500)) {
      send(socket, query(NGINX, Type.A));
      assertThrows(SocketTimeoutException.class, () -> receive(socket));
    }
    assertNull(dns.server().server().exchange(query(NGINX, Type.A).toWire()));
    assertTrue(dns.queries().stream().noneMatch(QueryRecord::answered));
  }
}
