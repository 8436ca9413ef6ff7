package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.ReverseNames;
import io.clusterdns.plugin.AnsweringHandler;
import io.clusterdns.plugin.ClusterDirectory;
import io.clusterdns.plugin.ClusterViews;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Explaining;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Readiness;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SearchPathSource;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.cluster.ClusterSnapshot;
import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewayView;
import io.clusterdns.plugin.cluster.LiveValue;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The kubernetes plugin at query time: answers names of its zones from the current cluster
 * snapshot, and hands everything else (and, with {@code fallthrough}, NXDOMAIN names) to the
 * next plugin.
 */
public final class KubernetesHandler
    implements AnsweringHandler, Lifecycle, Readiness, Deterministic, SearchPathSource, Explaining,
        ClusterDirectory, ClusterViews {
  private final KubernetesOptions options;
  private final ClusterView view;
  private final GatewayView gatewayView;
  private final Name[] zones;
  private final QueryAnswerer answerer;
  private final List<InetAddress> localAddresses;
  private final ClientSearchPaths searchPaths;
  private final KubernetesExplainer explainer;
  /** The view's snapshot, numbered when it is published, for {@link #generation}. */
  private final LiveValue<ClusterSnapshot> published;
  /** The cluster source and its first load; null when the caller fills the view. */
  private final SourceLoad load;

  /** A handler over the views that {@code load} fills, which it owns from now on. */
  KubernetesHandler(KubernetesOptions options, SetupContext context, ClusterLoad load) {
    this(options, load.view(), load.gatewayView(), load.load(), r -> context.serverLookup().lookup(r),
        LocalAddresses.find());
  }

  /** A handler over a view that the caller fills; nothing is loaded or watched. */
  KubernetesHandler(
      KubernetesOptions options,
      ClusterView view,
      ServerLookup lookup,
      List<InetAddress> localAddresses) {
    this(options, view, new GatewayView(), null, lookup, localAddresses);
  }

  private KubernetesHandler(
      KubernetesOptions options,
      ClusterView view,
      GatewayView gatewayView,
      SourceLoad load,
      ServerLookup lookup,
      List<InetAddress> localAddresses) {
    this.options = options;
    this.view = view;
    this.gatewayView = gatewayView;
    this.load = load;
    this.zones = options.zones().toArray(new Name[0]);
    this.localAddresses = List.copyOf(localAddresses);
    Nameservers nameservers = new Nameservers(localAddresses, options);
    List<Name> forwardZones =
        options.zones().stream().filter(z -> !ReverseNames.isReverse(z)).toList();
    ClusterResolver resolver = new ClusterResolver(options, nameservers);
    ReverseLookup reverse = new ReverseLookup(options);
    this.answerer =
        new QueryAnswerer(options, resolver, reverse, nameservers, new ExternalNameChaser(forwardZones, lookup));
    this.explainer = new KubernetesExplainer(options, resolver, reverse);
    this.searchPaths = new ClientSearchPaths(forwardZones);
    // Followed from construction, as a caller may fill the view before or without start().
    this.published = LiveValue.of(view, snapshot -> snapshot);
    published.follow();
  }

  @Override
  public List<InetAddress> localAddresses() {
    return localAddresses;
  }

  @Override
  public ClusterView view() {
    return view;
  }

  @Override
  public GatewayView gatewayView() {
    return gatewayView;
  }

  @Override
  public boolean namespaceAllowed(String namespace) {
    return options.namespaceAllowed(namespace);
  }

  @Override
  public boolean endpointPodNames() {
    return options.endpointPodNames();
  }

  /**
   * Begins the first load of the cluster on a thread of its own, so that it overlaps the setup
   * and start of the plugins after this one; {@link #start} waits for it.
   */
  @Override
  public void begin() {
    if (load != null) {
      load.begin();
    }
  }

  @Override
  public void start() throws Exception {
    if (load != null) {
      load.await();
    }
  }

  @Override
  public boolean isReady() {
    // The published snapshot, not the source: negatives stay SERVFAIL until it says synced.
    return view.snapshot().synced();
  }

  @Override
  public void close() {
    published.stop();
    if (load != null) {
      load.close();
    }
  }

  /**
   * Grows whenever a new snapshot is published: the number is given in the publisher's thread,
   * after the view holds the snapshot, so reading it is one volatile read.
   */
  @Override
  public long generation() {
    return published.current().generation();
  }

  /** Names outside the plugin's zones are passed on, so no snapshot changes their answers. */
  @Override
  public boolean covers(Name qname) {
    for (Name zone : zones) {
      if (qname.subdomain(zone)) {
        return true;
      }
    }
    return false;
  }

  /** Known only under {@code pods verified}, the one mode that watches Pods. */
  @Override
  public Optional<List<Name>> searchPath(InetAddress client, Name qname) {
    if (options.pods() != PodsMode.VERIFIED) {
      return Optional.empty();
    }
    return searchPaths.find(view.snapshot(), client, qname);
  }

  @Override
  public List<String> explain(Request request) {
    return explainer.explain(request.qname(), request.qtype(), view.snapshot());
  }

  /** The first zone that is not a reverse one, as pods see it in their search path. */
  @Override
  public String clusterDomain() {
    return options.primaryZone().toString(true);
  }

  /** Known only under {@code pods verified}, the one mode that watches Pods. */
  @Override
  public List<String> podNamespaces(InetAddress address) {
    if (options.pods() != PodsMode.VERIFIED) {
      throw new IllegalStateException("the kubernetes plugin knows Pods only under pods verified");
    }
    return KubernetesExplainer.podNamespaces(view.snapshot(), address);
  }

  /** The reply to a name of the zones, or null when the query goes on (other names, fallthrough). */
  @Override
  public Message answer(Request request) {
    Name qname = request.qname();
    ZoneMatch zone = ZoneMatch.find(zones, qname);
    if (zone == null) {
      return null;
    }
    int qtype = request.qtype();
    if (qtype == Type.AXFR || qtype == Type.IXFR) {
      // Zone transfers are not offered; a refusal is not an authoritative answer (no AA).
      return Replies.refused(request);
    }
    ClusterSnapshot snapshot = view.snapshot();
    Answer answer = answerer.answer(request, qname, qtype, zone, snapshot);
    if (answer.nameError() && options.fallthrough().covers(qname)) {
      return null;
    }
    if (answer.negative() && !snapshot.synced()) {
      answer = new Answer(Rcode.SERVFAIL, List.of(), answer.authority(), List.of(), false);
    }
    Message reply = message(request, answer);
    if (answer.rcode() == Rcode.SERVFAIL && !snapshot.synced()) {
      Replies.withExtendedError(reply, ExtendedErrorCodeOption.NOT_READY,
          "kubernetes: the cluster view has not synced yet");
    }
    return reply;
  }

  private static Message message(Request request, Answer answer) {
    Message reply = Replies.authoritative(request);
    reply.getHeader().setRcode(answer.rcode());
    if (answer.truncated()) {
      reply.getHeader().setFlag(Flags.TC);
    }
    add(reply, answer.answer(), Section.ANSWER);
    add(reply, answer.authority(), Section.AUTHORITY);
    add(reply, answer.additional(), Section.ADDITIONAL);
    return reply;
  }

  private static void add(Message reply, List<Record> records, int section) {
    for (Record record : records) {
      reply.addRecord(record, section);
    }
  }
}
