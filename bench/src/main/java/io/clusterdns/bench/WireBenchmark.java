package io.clusterdns.bench;

import java.io.IOException;
import java.net.InetAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The two ends of the query path with dnsjava alone: decoding a typical query and encoding a
 * typical answer (one A record for a ClusterIP Service).
 */
public class WireBenchmark extends BenchmarkSettings {
  static final String NAME = "svc-1234.ns-1.svc.cluster.local";

  private byte[] query;
  private Message answer;

  @Setup
  public void setUp() throws IOException {
    query = WireQueries.wire(0x1234, NAME, Type.A);
    Message reply = new Message(query);
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.AA);
    reply.addRecord(
        new ARecord(Name.fromString(NAME + "."), DClass.IN, 5, InetAddress.getByName("10.96.4.210")),
        Section.ANSWER);
    answer = reply;
  }

  /** {@code new Message(bytes)} of a query as dnsperf sends it. */
  @Benchmark
  public Message decode() throws IOException {
    return new Message(query);
  }

  /** {@code Message.toWire()} of an answer: no size limit. */
  @Benchmark
  public byte[] encode() {
    return answer.toWire();
  }

  /** {@code Message.toWire(512)}: what the server calls for UDP without EDNS (can truncate). */
  @Benchmark
  public byte[] encodeUdpLimit() {
    return answer.toWire(512);
  }
}
