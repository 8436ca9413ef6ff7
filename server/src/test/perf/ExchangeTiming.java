import io.clusterdns.server.ClusterDns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The query path's cost without sockets: one thread answers the benchmark's queries through
 * ClusterDns.exchange for a while and prints nanoseconds per query. Run with the shaded jar:
 * java -cp server/target/clusterdns.jar server/src/test/perf/ExchangeTiming.java WORKDIR [SECONDS]
 * where WORKDIR holds the Corefile and queries.txt written by quick-bench.sh.
 */
public class ExchangeTiming {
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
    List<String> lines = Files.readAllLines(work.resolve("queries.txt"));
    byte[][] queries = new byte[lines.size()][];
    for (int i = 0; i < queries.length; i++) {
      String[] parts = lines.get(i).split(" ");
      Message query = Message.newQuery(Record.newRecord(Name.fromString(parts[0]), Type.value(parts[1]), DClass.IN));
      queries[i] = query.toWire();
    }
    try (ClusterDns dns = ClusterDns.builder().corefile(work.resolve("Corefile")).start()) {
      long sink = 0;
      for (int round = 0; round < 3; round++) {
        long count = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L / 3;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
          for (int i = 0; i < 1000; i++) {
            byte[] q = queries[(int) (count++ % queries.length)];
            q[0] = (byte) count;
            sink += dns.exchange(q).length;
          }
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("round %d: %.0f ns per query (%d queries)%n", round, (double) elapsed / count, count);
      }
      System.out.println("(" + sink + " reply bytes)");
    }
  }
}
