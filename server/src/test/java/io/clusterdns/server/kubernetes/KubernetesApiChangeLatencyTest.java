package io.clusterdns.server.kubernetes;

import io.clusterdns.plugin.cluster.source.MockApi;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clusterdns.server.ClusterDns;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Numbers for the issue, not assertions on timings: the time from a REST write to the mock API
 * until a real server's UDP answer shows it. Opt-in:
 * {@code mvn -B -q -o -pl server -am test -Dtest=KubernetesApiChangeLatencyTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dclusterdns.measure=true}; the results are in
 * {@code server/target/surefire-reports/io.clusterdns.server.kubernetes.KubernetesApiChangeLatencyTest-output.txt}.
 */
class KubernetesApiChangeLatencyTest {
  private static final int CHANGES = 1000;
  private static final long BUDGET_NANOS = 60_000_000_000L;
  private static final String NAMESPACE = "bench";

  /** The three kinds of write, taken in turn. */
  private enum Change { SERVICE_CREATE, SERVICE_UPDATE, SLICE_UPDATE }

  @Test
  void apiWriteToChangedUdpAnswer() throws Exception {
    assumeTrue(Boolean.getBoolean("clusterdns.measure"), "opt-in: -Dclusterdns.measure=true");
    try (MockApi api = new MockApi().start();
        ClusterDns dns = ClusterDns.builder()
            .corefile(".:0 {\n  kubernetes cluster.local {\n    endpoint " + api.url()
                + "\n    startup_timeout 60s\n  }\n}\n")
            .start();
        DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(200);
      KubernetesClient k8s = api.client();
      k8s.namespaces().resource(ApiObjects.namespace(NAMESPACE)).create();
      k8s.services().resource(ApiObjects.service(NAMESPACE, "pool", "None")).create();
      k8s.discovery().v1().endpointSlices().resource(poolSlice(0)).create();
      Probe probe = new Probe(socket, dns.udpAddress());
      probe.awaitAnswer("pool." + NAMESPACE + ".svc.cluster.local.", "NOERROR A " + ip(10, 0));

      Map<Change, List<Long>> latencies = new EnumMap<>(Change.class);
      List<Long> writes = new ArrayList<>();
      List<Long> afterWrites = new ArrayList<>();
      long began = System.nanoTime();
      int done = 0;
      while (done < CHANGES && System.nanoTime() - began < BUDGET_NANOS) {
        Change change = Change.values()[done % 3];
        int service = done / 3;
        String name;
        String expected;
        long start = System.nanoTime();
        switch (change) {
          case SERVICE_CREATE -> {
            k8s.services().resource(ApiObjects.service(NAMESPACE, "s" + service, ip(96, service))).create();
            name = "s" + service;
            expected = ip(96, service);
          }
          case SERVICE_UPDATE -> {
            k8s.services().resource(ApiObjects.service(NAMESPACE, "s" + service, ip(97, service))).update();
            name = "s" + service;
            expected = ip(97, service);
          }
          default -> {
            k8s.discovery().v1().endpointSlices().resource(poolSlice(service + 1)).update();
            name = "pool";
            expected = ip(10, service + 1);
          }
        }
        long written = System.nanoTime();
        writes.add(written - start);
        probe.awaitAnswer(name + "." + NAMESPACE + ".svc.cluster.local.", "NOERROR A " + expected);
        long answered = System.nanoTime();
        latencies.computeIfAbsent(change, c -> new ArrayList<>()).add(answered - start);
        afterWrites.add(answered - written);
        done++;
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      System.out.printf("API write -> changed UDP answer: %d changes in %.1f s (%d queries)%n",
          done, seconds, probe.queries);
      List<Long> all = new ArrayList<>();
      latencies.values().forEach(all::addAll);
      print("all changes, write -> answer", all);
      latencies.forEach((change, values) -> print(change + ", write -> answer", values));
      print("REST write call alone", writes);
      print("REST call returned -> answer", afterWrites);
      assertTrue(done > 0);
      WatchProbe.awaitWatching(k8s, "watch-probe", Map.of(), List.of(dns.udpAddress()), List.of());
    }
  }

  private static String ip(int second, int n) {
    return "10." + second + "." + (n / 250) + "." + (n % 250 + 1);
  }

  private static EndpointSlice poolSlice(int n) {
    return ApiObjects.slice(NAMESPACE, "pool-1", "pool", ip(10, n), Map.of());
  }

  private static void print(String what, List<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("  %-40s n=%4d  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
        what, sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  /** Asks over one UDP socket in a tight loop, without the pauses of a poll interval. */
  private static final class Probe {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final byte[] buffer = new byte[65535];
    private long queries;

    Probe(DatagramSocket socket, InetSocketAddress server) {
      this.socket = socket;
      this.server = server;
    }

    void awaitAnswer(String name, String expected) throws IOException {
      long deadline = System.nanoTime() + 5_000_000_000L;
      Record question = Record.newRecord(Name.fromString(name), Type.A, DClass.IN);
      String last = null;
      while (System.nanoTime() < deadline) {
        Message query = Message.newQuery(question);
        byte[] wire = query.toWire();
        socket.send(new DatagramPacket(wire, wire.length, server));
        Message reply = receive(query.getHeader().getID());
        queries++;
        last = reply == null ? "no reply" : Dig.summary(reply);
        if (expected.equals(last)) {
          return;
        }
      }
      throw new AssertionError(name + ": expected " + expected + " within 5 s, last answer " + last);
    }

    /** The reply to this query, skipping late replies to earlier ones; null when none came. */
    private Message receive(int id) throws IOException {
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          return null;
        }
        Message reply = new Message(Arrays.copyOf(buffer, packet.getLength()));
        if (reply.getHeader().getID() == id) {
          return reply;
        }
      }
    }
  }
}
