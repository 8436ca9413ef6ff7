package io.clusterdns.plugin.k8s_gateway;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.ClusterViews;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Readiness;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Zones;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.cluster.source.ClusterSource;
import io.clusterdns.plugin.cluster.source.ClusterSources;
import io.clusterdns.plugin.cluster.ClusterReplies;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewayView;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * The k8s_gateway plugin at query time: answers the host names of Ingresses, Gateway API routes
 * and LoadBalancer Services in its zones, from the source of the kubernetes plugin of the same
 * block or, alone, from a source of its own; passes every other name (and, with {@code
 * fallthrough}, NXDOMAIN names) on.
 */
public final class GatewayHandler implements Handler, Lifecycle, Readiness, Deterministic {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

  private final GatewayOptions options;
  private final SetupContext context;
  private final Name[] zones;
  private final GatewayAnswerer answerer;
  private final Consumer<String> conflicts;
  /** Null until started. */
  private volatile LiveHostTable hosts;
  private volatile ClusterSource ownSource;

  GatewayHandler(GatewayOptions options, SetupContext context) {
    this(
        options,
        context,
        conflict -> LOG.warn("k8s_gateway: {}; answering the addresses of all of them", conflict));
  }

  /** @param conflicts told each host name conflict when it appears (the log, but for tests) */
  GatewayHandler(GatewayOptions options, SetupContext context, Consumer<String> conflicts) {
    this.options = options;
    this.context = context;
    this.zones = options.zones().toArray(new Name[0]);
    this.answerer = new GatewayAnswerer(options);
    this.conflicts = conflicts;
  }

  public GatewayOptions options() {
    return options;
  }

  /**
   * Follows the views of the kubernetes plugin of the block (which watches Ingresses and Gateway
   * API objects because this plugin is in its block), or starts a source of its own.
   */
  @Override
  public void start() throws Exception {
    if (options.source() == null) {
      ClusterViews kubernetes =
          context
              .sibling("kubernetes")
              .filter(ClusterViews.class::isInstance)
              .map(ClusterViews.class::cast)
              .orElseThrow(
                  () -> new IllegalStateException(
                      GatewaySetup.NAME + ": the kubernetes plugin of its server block is missing"));
      follow(new LiveHostTable(
          kubernetes.view(), kubernetes.gatewayView(), options, kubernetes::namespaceAllowed, conflicts));
      return;
    }
    ClusterView cluster = new ClusterView();
    GatewayView gateways = new GatewayView();
    // Followed before the source opens, as opening may already publish.
    follow(new LiveHostTable(cluster, gateways, options, namespace -> true, conflicts));
    ClusterSource source = ClusterSources.open(options.source(), cluster, gateways);
    ownSource = source;
    source.start();
  }

  private void follow(LiveHostTable table) {
    table.follow();
    hosts = table;
  }

  @Override
  public boolean isReady() {
    LiveHostTable current = hosts;
    return current != null && current.clusterView().snapshot().synced();
  }

  @Override
  public void close() {
    LiveHostTable current = hosts;
    if (current != null) {
      current.stop();
    }
    ClusterSource source = ownSource;
    if (source != null) {
      source.close();
    }
  }

  @Override
  public long generation() {
    LiveHostTable current = hosts;
    return current == null ? 0 : current.current().generation();
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    Name qname = request.qname();
    Name zone = zoneOf(qname);
    LiveHostTable live = hosts;
    if (zone == null || live == null) {
      return next.next(request);
    }
    HostTable current = live.current().value();
    Message reply = answerer.answer(request, zone, current, context.serverLookup(), zones);
    return ClusterReplies.settle(
        request, next, reply, options.fallthrough(), current.cluster().synced(), GatewaySetup.NAME);
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
