package io.clusterdns.plugin.k8s_gateway;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.ClusterViews;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Readiness;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Zones;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.kubernetes.source.ClusterSource;
import io.clusterdns.plugin.kubernetes.source.ClusterSources;
import io.clusterdns.plugin.kubernetes.view.ClusterSnapshot;
import io.clusterdns.plugin.kubernetes.view.ClusterView;
import io.clusterdns.plugin.kubernetes.view.GatewaySnapshot;
import io.clusterdns.plugin.kubernetes.view.GatewayView;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

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
  /** Conflicts already logged, so each is logged once, when it appears. */
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private volatile ClusterView clusterView;
  private volatile GatewayView gatewayView;
  /** The kubernetes plugin's {@code namespaces}; every namespace with a source of its own. */
  private volatile Predicate<String> namespaces = namespace -> true;
  private volatile ClusterSource ownSource;
  private volatile HostTable table = HostTable.EMPTY;

  GatewayHandler(GatewayOptions options, SetupContext context) {
    this.options = options;
    this.context = context;
    this.zones = options.zones().toArray(new Name[0]);
    this.answerer = new GatewayAnswerer(options);
  }

  public GatewayOptions options() {
    return options;
  }

  /**
   * Takes the views of the kubernetes plugin of the block (which watches Ingresses and Gateway
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
      namespaces = kubernetes::namespaceAllowed;
      gatewayView = kubernetes.gatewayView();
      clusterView = kubernetes.view();
      return;
    }
    ClusterView cluster = new ClusterView();
    GatewayView gateways = new GatewayView();
    ClusterSource source = ClusterSources.open(options.source(), cluster, gateways);
    ownSource = source;
    gatewayView = gateways;
    clusterView = cluster;
    source.start();
  }

  @Override
  public boolean isReady() {
    ClusterView cluster = clusterView;
    return cluster != null && cluster.snapshot().synced();
  }

  @Override
  public void close() {
    ClusterSource source = ownSource;
    if (source != null) {
      source.close();
    }
  }

  @Override
  public long generation() {
    return current().generation();
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    Name qname = request.qname();
    Name zone = zoneOf(qname);
    if (zone == null || clusterView == null) {
      return next.next(request);
    }
    HostTable current = current();
    Message reply = answerer.answer(request, zone, current, context.serverLookup(), zones);
    boolean nameError =
        reply.getRcode() == Rcode.NXDOMAIN && reply.getSection(Section.ANSWER).isEmpty();
    if (nameError && options.fallthrough().covers(qname)) {
      return next.next(request);
    }
    if (!current.cluster().synced() && reply.getSection(Section.ANSWER).isEmpty()) {
      // Decision D4, as the kubernetes plugin: no negative answer before the first full sync.
      reply.getHeader().setRcode(Rcode.SERVFAIL);
      Replies.withExtendedError(
          reply, ExtendedErrorCodeOption.NOT_READY, "k8s_gateway: the cluster view has not synced yet");
    }
    return reply;
  }

  /**
   * The table of the current snapshots, rebuilt when either changed. One thread rebuilds at a
   * time, so generations only grow.
   */
  private HostTable current() {
    ClusterView cluster = clusterView;
    if (cluster == null) {
      return table;
    }
    ClusterSnapshot clusterNow = cluster.snapshot();
    GatewaySnapshot gatewaysNow = gatewayView.snapshot();
    HostTable seen = table;
    if (seen.isOf(clusterNow, gatewaysNow)) {
      return seen;
    }
    synchronized (this) {
      seen = table;
      if (!seen.isOf(clusterNow, gatewaysNow)) {
        seen = HostTable.build(clusterNow, gatewaysNow, seen.generation() + 1, options, namespaces);
        table = seen;
        warnAboutConflicts(seen);
      }
      return seen;
    }
  }

  private void warnAboutConflicts(HostTable built) {
    for (String conflict : built.conflicts()) {
      if (warned.add(conflict)) {
        LOG.warn("k8s_gateway: {}; answering the addresses of all of them", conflict);
      }
    }
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
