package io.clusterdns.server;

import io.clusterdns.bench.BenchmarkSettings;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The UDP listener's cached-answer step, {@link QueryProcessor#processCached}, into a direct
 * buffer as the listener sends it, with and without {@code prometheus} in the block: the
 * difference is what counting a query costs (issue 8). In the server's package because the step
 * is not public; the processor is shared by all benchmark threads, as by a port's listener
 * threads, so {@code -t 2} shows what counting costs when two cores answer at once.
 */
@State(Scope.Benchmark)
public class CachedAnswerBenchmark extends BenchmarkSettings {
  private static final int NAMES = 64;

  /** Whether the block uses prometheus, so that each answer is also counted. */
  @Param({"false", "true"})
  boolean metrics;

  QueryProcessor processor;
  byte[][] queries;

  /** One listener thread's buffers. */
  @State(Scope.Thread)
  public static class Listener {
    final ByteBuffer out = ByteBuffer.allocateDirect(512);
    final InetSocketAddress client = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    int next;
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    List<String> names = metrics ? List.of("prometheus", "answering") : List.of("answering");
    List<Handler> handlers = metrics ? List.of(new FixedHandlers.PassOn(), new FixedHandlers.Answering())
        : List.of(new FixedHandlers.Answering());
    processor = new QueryProcessor(
        new ZoneTable(Map.of(Name.fromString("example.org."),
            new ZoneTable.Route("example.org.", new BlockChain(names, handlers)))),
        new InFlight());
    processor.meter(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
    queries = new byte[NAMES][];
    InetSocketAddress client = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    for (int i = 0; i < NAMES; i++) {
      Message query = Message.newQuery(Record.newRecord(Name.fromString("host-" + i + ".example.org."), Type.A, DClass.IN));
      queries[i] = query.toWire();
      processor.process(queries[i], queries[i].length, client, Transport.UDP, null);
    }
  }

  @Benchmark
  public ByteBuffer cachedAnswer(Listener listener) {
    byte[] query = queries[listener.next];
    listener.next = (listener.next + 1) & (NAMES - 1);
    if (!processor.processCached(query, query.length, Transport.UDP, listener.client, listener.out)) {
      throw new IllegalStateException("not answered from the reply cache");
    }
    return listener.out;
  }
}
