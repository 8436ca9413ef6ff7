package io.clusterdns.plugin.k8s_external;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.ClusterViews;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Zones;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.cluster.ClusterReplies;
import io.clusterdns.plugin.cluster.LiveValue;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * The k8s_external plugin at query time: answers names of its zones from the cluster view of
 * the kubernetes plugin of the same block, and passes every other name (and, with {@code
 * fallthrough}, NXDOMAIN names) on.
 */
public final class ExternalHandler implements Handler, Lifecycle, Deterministic {
  private final ExternalOptions options;
  private final SetupContext context;
  private final Name[] zones;
  private final ExternalAnswerer answerer;
  /** The kubernetes plugin's views; null until started. */
  private volatile ClusterViews cluster;
  /** The index of the cluster view's snapshot, built when it is published; null until started. */
  private volatile LiveValue<ExternalIndex> index;

  ExternalHandler(ExternalOptions options, SetupContext context) {
    this.options = options;
    this.context = context;
    this.zones = options.zones().toArray(new Name[0]);
    this.answerer = new ExternalAnswerer(options);
  }

  public ExternalOptions options() {
    return options;
  }

  /**
   * Finds the kubernetes plugin of the block, which the setup checked is there, and indexes its
   * cluster view now and on every publish.
   */
  @Override
  public void start() {
    Handler found = context.sibling("kubernetes").orElse(null);
    if (!(found instanceof ClusterViews views)) {
      throw new IllegalStateException(
          ExternalSetup.NAME + ": the kubernetes plugin of its server block is missing");
    }
    LiveValue<ExternalIndex> live = LiveValue.of(views.view(), ExternalIndex::of);
    live.follow();
    index = live;
    cluster = views;
  }

  @Override
  public void close() {
    LiveValue<ExternalIndex> live = index;
    if (live != null) {
      live.stop();
    }
  }

  /**
   * The index's: it is swapped in before its generation can be read, so a reply computed after
   * reading a generation is never older (answers change exactly when the snapshot does).
   */
  @Override
  public long generation() {
    LiveValue<ExternalIndex> live = index;
    return live == null ? 0 : live.current().generation();
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    Name qname = request.qname();
    Name zone = zoneOf(qname);
    ClusterViews current = cluster;
    if (zone == null || current == null) {
      return next.next(request);
    }
    ExternalIndex seen = index.current().value();
    Message reply = answerer.answer(request, zone, seen, current, context.serverLookup());
    return ClusterReplies.settle(
        request, next, reply, options.fallthrough(), seen.snapshot().synced(), ExternalSetup.NAME);
  }

  /** Only names in this plugin's zones change with its generation (the cache keys on it). */
  @Override
  public boolean covers(Name qname) {
    return zoneOf(qname) != null;
  }

  /** The most specific zone of this plugin that holds {@code qname}, or null. */
  private Name zoneOf(Name qname) {
    return Zones.mostSpecific(zones, qname);
  }
}
