package io.clusterdns.plugin.cache;

import static io.clusterdns.plugin.cache.CacheFixture.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A number for the issue, not an assertion on it: the heap a full cache ({@code success 9984},
 * {@code denial 9984}) holds with typical external answers. Opt-in:
 * {@code mvn -B -q -o -pl plugins -am test -Dtest=CacheMemoryMeasurementTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dclusterdns.measure=true}; the result is in
 * {@code plugins/target/surefire-reports/io.clusterdns.plugin.cache.CacheMemoryMeasurementTest-output.txt}.
 */
class CacheMemoryMeasurementTest {
  private static final int ENTRIES = 9984;

  @Test
  void heapOfAFullCache() throws Exception {
    assumeTrue(Boolean.getBoolean("clusterdns.measure"), "opt-in: -Dclusterdns.measure=true");
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    CacheFixture fixture = new CacheFixture();
    long before = usedHeap();
    CacheHandler cache = fixture.handler("cache {\n success 9984\n denial 9984\n}");
    // Each name is asked once for A and once for a type it lacks, which it answers with NXDOMAIN
    // under another label, so both caches fill with the shapes forward brings back.
    for (int i = 0; i < ENTRIES; i++) {
      String site = "www.site" + i + ".example" + (i % 50) + ".com.";
      cache.serve(query(site, Type.A), new ScriptedChain(request -> externalAnswer(request, random)));
      String missing = "nope" + i + ".example" + (i % 50) + ".com.";
      cache.serve(query(missing, Type.A), new ScriptedChain(CacheMemoryMeasurementTest::externalNxdomain));
    }
    assertEquals(List.of((long) ENTRIES, (long) ENTRIES), cache.sizes());
    long after = usedHeap();
    double mib = (after - before) / 1024.0 / 1024.0;
    System.out.printf("full cache, %d success + %d denial entries: %.1f MiB, %.0f bytes per entry"
            + " (the byte budget's estimate: %s)%n",
        ENTRIES, ENTRIES, mib, (after - before) / (2.0 * ENTRIES), cache.weights());
    Reference.reachabilityFence(cache);
  }

  /**
   * One to four A records with a resolver's TTLs, a third of them behind a CNAME to a CDN,
   * parsed from wire form as forward would hand them over.
   */
  private static Message externalAnswer(Request request, Random random) throws Exception {
    Message reply = Replies.reply(request);
    reply.getHeader().setFlag(Flags.RA);
    Name owner = request.qname();
    if (random.nextInt(3) == 0) {
      Name target = Name.fromString("edge" + random.nextInt(1000) + ".cdn" + random.nextInt(20) + ".example.net.");
      reply.addRecord(new CNAMERecord(owner, DClass.IN, 300, target), Section.ANSWER);
      owner = target;
    }
    int addresses = 1 + random.nextInt(4);
    for (int i = 0; i < addresses; i++) {
      byte[] ip = {(byte) 198, 51, (byte) random.nextInt(256), (byte) random.nextInt(256)};
      reply.addRecord(new ARecord(owner, DClass.IN, 60 + random.nextInt(3600), InetAddress.getByAddress(ip)), Section.ANSWER);
    }
    return new Message(reply.toWire());
  }

  private static Message externalNxdomain(Request request) throws Exception {
    Message reply = Replies.error(request, Rcode.NXDOMAIN);
    reply.getHeader().setFlag(Flags.RA);
    Name zone = new Name(request.qname(), request.qname().labels() - 3);
    reply.addRecord(
        new SOARecord(zone, DClass.IN, 900, Name.fromString("ns1.dns-host.net."),
            Name.fromString("hostmaster.dns-host.net."), 2026120101, 7200, 900, 1209600, 300),
        Section.AUTHORITY);
    return new Message(reply.toWire());
  }

  /** The lowest heap use seen over a few full collections, to leave out garbage. */
  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
