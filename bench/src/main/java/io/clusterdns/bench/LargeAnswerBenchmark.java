package io.clusterdns.bench;

import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.server.ClusterDns;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The SRV answer of one headless Service with many endpoints (issue 10 item 5): the kubernetes
 * handler building the reply, and that reply turned into wire format whole, as over TCP. The
 * handler is called directly, so the server's reply cache does not hide the work; {@link
 * #exchangeUdp} runs the whole in-process query path with a new spelling of the name each time
 * (DNS 0x20 case), which the reply cache never holds.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LargeAnswerBenchmark extends BenchmarkSettings {
  static final String SERVICE = "big.ns.svc." + SyntheticCluster.ZONE + ".";
  static final String ALIAS = "alias.ns.svc." + SyntheticCluster.ZONE + ".";
  private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 53000);

  /** The EDNS buffer size most resolvers offer (DNS flag day 2020). */
  private static final int UDP_SIZE = 1232;

  @Param({"100", "1000", "4000"})
  int endpoints;

  private Path directory;
  private ClusterDns server;
  private Handler kubernetes;
  private Request request;
  private Request aliasRequest;
  /** The query for {@link #exchangeUdp}, EDNS size {@link #UDP_SIZE}; its letters change case. */
  private byte[] wire;
  private int[] letters;
  private long random = 0x9E3779B97F4A7C15L;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    directory = Files.createTempDirectory("clusterdns-bench");
    writeService(directory.resolve("big.yaml"), endpoints);
    server = ClusterDns.builder().corefile(SyntheticCluster.ZONE + " {\n    kubernetes " + SyntheticCluster.ZONE
        + " {\n        manifests " + directory + "\n    }\n}\n").udpWorkers(1).start();
    kubernetes = server.handlers(Handler.class).get(0);
    Message query = Message.newQuery(Record.newRecord(Name.fromString("_http._tcp." + SERVICE), Type.SRV, 1));
    request = new Request(query, CLIENT, Transport.TCP, SyntheticCluster.ZONE + ".", 0);
    aliasRequest = new Request(Message.newQuery(Record.newRecord(Name.fromString(ALIAS), Type.A, 1)),
        CLIENT, Transport.TCP, SyntheticCluster.ZONE + ".", 0);
    query.addRecord(new OPTRecord(UDP_SIZE, 0, 0), Section.ADDITIONAL);
    wire = query.toWire();
    int nameStart = Header.LENGTH;
    int nameEnd = nameStart + query.getQuestion().getName().length();
    letters = IntStream.range(nameStart, nameEnd).filter(i -> Character.isLetter(wire[i])).toArray();
  }

  /**
   * A headless Service {@code big} in namespace {@code ns} with {@code count} ready endpoints,
   * and an ExternalName Service {@code alias} of it.
   */
  static void writeService(Path file, int count) throws IOException {
    try (Writer yaml = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      yaml.write("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n---\n"
          + "apiVersion: v1\nkind: Service\nmetadata:\n  name: big\n  namespace: ns\nspec:\n"
          + "  clusterIP: None\n  ports:\n  - name: http\n    protocol: TCP\n    port: 80\n---\n"
          + "apiVersion: v1\nkind: Service\nmetadata:\n  name: alias\n  namespace: ns\nspec:\n"
          + "  type: ExternalName\n  externalName: " + SERVICE + "\n---\n"
          + "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: big-abcde\n"
          + "  namespace: ns\n  labels:\n    kubernetes.io/service-name: big\naddressType: IPv4\n"
          + "ports:\n- name: http\n  protocol: TCP\n  port: 8080\nendpoints:\n");
      for (int i = 0; i < count; i++) {
        yaml.write("- addresses: [\"10.244." + (i >>> 8) + "." + (i & 0xFF) + "\"]\n  conditions: {ready: true}\n");
      }
    }
  }

  @Benchmark
  public Message answer() throws Exception {
    return kubernetes.serve(request, Replies::servfail);
  }

  @Benchmark
  public byte[] answerToWire() throws Exception {
    return kubernetes.serve(request, Replies::servfail).toWire();
  }

  /** A for an ExternalName Service of the headless one: the CNAME, then every address. */
  @Benchmark
  public Message answerThroughAlias() throws Exception {
    return kubernetes.serve(aliasRequest, Replies::servfail);
  }

  /** The same reply cut to a UDP size: dnsjava drops the records past the limit and sets TC. */
  @Benchmark
  public byte[] answerToUdpWire() throws Exception {
    return kubernetes.serve(request, Replies::servfail).toWire(UDP_SIZE);
  }

  /** The whole server path over UDP from 127.0.0.1, missing the reply cache. */
  @Benchmark
  public byte[] exchangeUdp() {
    for (int at : letters) {
      random ^= random << 13;
      random ^= random >>> 7;
      random ^= random << 17;
      wire[at] = (byte) ((random & 1) == 0 ? wire[at] | 0x20 : wire[at] & ~0x20);
    }
    return server.exchange(wire);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    server.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
