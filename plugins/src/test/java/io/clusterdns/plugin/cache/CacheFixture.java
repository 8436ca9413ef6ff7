package io.clusterdns.plugin.cache;

import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Builds cache handlers on a fake clock, and queries with the flags a test needs. */
final class CacheFixture {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  final FakeTicker ticker = new FakeTicker();
  /** Metric labels of this fixture alone, so counters of other tests do not add up here. */
  final CacheMetrics metrics = new CacheMetrics("dns://:53", "fixture-" + INSTANCES.incrementAndGet());

  CacheHandler handler(String corefile) {
    return handler(corefile, new FakeSetupContext("."), Runnable::run);
  }

  CacheHandler handler(String corefile, SetupContext context, Executor refresher) {
    try {
      CacheOptions options = CacheSetup.parse(directive(corefile), context);
      CacheHandler handler = new CacheHandler(options, context, ticker, Runnable::run, refresher, metrics);
      handler.start();
      return handler;
    } catch (CorefileException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Request query(String name, int type) {
    return Queries.request(name, type);
  }

  /** A query with EDNS0, the DO bit as given, and the CD flag as given. */
  static Request query(String name, int type, boolean dnssecOk, boolean checkingDisabled) {
    Message query = Message.newQuery(Record.newRecord(Queries.name(name), type, DClass.IN));
    query.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    if (checkingDisabled) {
      query.getHeader().setFlag(Flags.CD);
    }
    return new Request(query, Queries.CLIENT, Transport.UDP, ".", System.nanoTime());
  }
}
