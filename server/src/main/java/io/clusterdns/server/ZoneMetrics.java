package io.clusterdns.server;

import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The core metrics of one zone of one listener, their label values resolved once: each series
 * is looked up in the registry the first time it is needed (so that, as in CoreDNS, only series
 * that happened are exported) and kept in a slot indexed by transport, family, type, rcode and
 * plugin, so a query costs no label look-up.
 */
final class ZoneMetrics {
  /** No view plugin exists, so the view label is always empty, as CoreDNS's without views. */
  private static final String VIEW = "";

  private static final int TYPES = PrometheusMetrics.MONITORED_TYPES.length + 1;
  private static final int OTHER_TYPE = TYPES - 1;
  /** Type index + 1 for the query types below 256 that CoreDNS monitors, 0 for the others. */
  private static final byte[] TYPE_INDEX = new byte[256];

  static {
    for (int i = 0; i < PrometheusMetrics.MONITORED_TYPES.length; i++) {
      TYPE_INDEX[Type.value(PrometheusMetrics.MONITORED_TYPES[i])] = (byte) (i + 1);
    }
  }

  /** Go's {@code dns.RcodeToString}, which CoreDNS's rcode label uses; gaps print as RCODEn. */
  private static final String[] RCODES = {
    "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET",
    "NXRRSET", "NOTAUTH", "NOTZONE", "DSOTYPENI", null, null, null, null, "BADSIG", "BADKEY",
    "BADTIME", "BADMODE", "BADNAME", "BADALG", "BADTRUNC", "BADCOOKIE"
  };

  private final String server;
  private final String zone;
  private final List<String> plugins;
  /** Index: (transport * 2 + family - 1) * TYPES + type. */
  private final AtomicReferenceArray<CounterDataPoint> requests = new AtomicReferenceArray<>(4 * TYPES);
  /** Index: rcode * (plugins + 1) + plugin position, or plugins.size() for no plugin. */
  private final AtomicReferenceArray<CounterDataPoint> responses;
  private final AtomicReferenceArray<DistributionDataPoint> requestSizes = new AtomicReferenceArray<>(2);
  private final AtomicReferenceArray<DistributionDataPoint> responseSizes = new AtomicReferenceArray<>(2);
  /** The [queries, NXDOMAIN] counters of each namespace admitted so far. */
  private final ConcurrentHashMap<String, CounterDataPoint[]> namespaces = new ConcurrentHashMap<>();
  /** How many namespaces were admitted (a race may count one twice: the cap is never passed). */
  private final AtomicInteger admitted = new AtomicInteger();
  private volatile CounterDataPoint[] otherNamespaces;
  private volatile DistributionDataPoint duration;
  private volatile CounterDataPoint doRequests;

  ZoneMetrics(String server, String zone, List<String> plugins) {
    this.server = server;
    this.zone = zone;
    this.plugins = List.copyOf(plugins);
    this.responses = new AtomicReferenceArray<>(RCODES.length * (plugins.size() + 1));
  }

  /** What one kind of query with one kind of reply adds to, resolved once per kind. */
  QueryCounts counts(Name qname, Transport transport, int qtype, boolean dnssecOk, int rcode, String plugin) {
    int proto = transport.ordinal();
    CounterDataPoint[] namespace =
        qname == null || zone.equals(PrometheusMetrics.DROPPED_ZONE) ? null : namespace(qname);
    int type = qtype >= 0 && qtype < TYPE_INDEX.length && TYPE_INDEX[qtype] != 0 ? TYPE_INDEX[qtype] - 1 : OTHER_TYPE;
    return new QueryCounts(
        this,
        proto * 2 * TYPES + type,
        response(rcode, plugin),
        dnssecOk ? doRequests() : null,
        size(requestSizes, PrometheusMetrics.REQUEST_SIZE, transport),
        size(responseSizes, PrometheusMetrics.RESPONSE_SIZE, transport),
        duration(),
        namespace == null ? null : namespace[0],
        namespace == null || rcode != Rcode.NXDOMAIN ? null : namespace[1]);
  }

  /**
   * The counters of the namespace {@code qname} is under, or null when it names none: the label
   * before the rightmost {@code svc} label that has at least two labels before it, as in {@code
   * <name>.<namespace>.svc.<domain>}, a pod's first search domain ({@code <namespace>.svc.<domain>})
   * appended to a short name, or a Service or Pod name in full.
   */
  private CounterDataPoint[] namespace(Name qname) {
    int labels = qname.labels() - (qname.isAbsolute() ? 1 : 0);
    for (int i = labels - 1; i >= 2; i--) {
      if (isSvc(qname, i)) {
        String namespace = qname.getLabelString(i - 1).toLowerCase(Locale.ROOT);
        CounterDataPoint[] counters = namespaces.get(namespace);
        if (counters != null) {
          return counters;
        }
        if (admitted.get() >= PrometheusMetrics.MAX_NAMESPACES
            || admitted.incrementAndGet() > PrometheusMetrics.MAX_NAMESPACES) {
          CounterDataPoint[] other = otherNamespaces;
          if (other == null) {
            other = namespaceCounters(PrometheusMetrics.OTHER_NAMESPACE);
            otherNamespaces = other;
          }
          return other;
        }
        counters = namespaceCounters(namespace);
        CounterDataPoint[] raced = namespaces.putIfAbsent(namespace, counters);
        return raced != null ? raced : counters;
      }
    }
    return null;
  }

  private static boolean isSvc(Name name, int label) {
    String text = name.getLabelString(label);
    return text.length() == 3 && text.equalsIgnoreCase("svc");
  }

  private CounterDataPoint[] namespaceCounters(String namespace) {
    return new CounterDataPoint[] {
      PrometheusMetrics.CLIENT_NAMESPACE_QUERIES.labelValues(server, zone, namespace),
      PrometheusMetrics.CLIENT_NAMESPACE_NXDOMAIN.labelValues(server, zone, namespace)
    };
  }

  private CounterDataPoint doRequests() {
    CounterDataPoint point = doRequests;
    if (point == null) {
      point = PrometheusMetrics.DO_REQUESTS.labelValues(server, VIEW, zone);
      doRequests = point;
    }
    return point;
  }

  private DistributionDataPoint duration() {
    DistributionDataPoint point = duration;
    if (point == null) {
      point = PrometheusMetrics.REQUEST_DURATION.labelValues(server, zone, VIEW);
      duration = point;
    }
    return point;
  }

  /** The requests counter at {@code base} (transport and type) for the client's family. */
  CounterDataPoint requests(int base, boolean ipv6) {
    int index = base + (ipv6 ? TYPES : 0);
    CounterDataPoint point = requests.get(index);
    if (point == null) {
      int type = index % TYPES;
      point = PrometheusMetrics.REQUESTS.labelValues(
          server, zone, VIEW, Transport.values()[index / (2 * TYPES)].label(), ipv6 ? "2" : "1",
          type == OTHER_TYPE ? "other" : PrometheusMetrics.MONITORED_TYPES[type]);
      requests.set(index, point);
    }
    return point;
  }

  private CounterDataPoint response(int rcode, String plugin) {
    int position = plugins.indexOf(plugin);
    if (rcode < 0 || rcode >= RCODES.length || (position < 0 && !plugin.isEmpty())) {
      // An rcode past Go's table, or a plugin of another block (through a server look-up).
      return PrometheusMetrics.RESPONSES.labelValues(server, zone, VIEW, rcodeLabel(rcode), plugin);
    }
    int index = rcode * (plugins.size() + 1) + (position < 0 ? plugins.size() : position);
    CounterDataPoint point = responses.get(index);
    if (point == null) {
      point = PrometheusMetrics.RESPONSES.labelValues(server, zone, VIEW, rcodeLabel(rcode), plugin);
      responses.set(index, point);
    }
    return point;
  }

  private DistributionDataPoint size(
      AtomicReferenceArray<DistributionDataPoint> slots,
      Histogram histogram,
      Transport transport) {
    DistributionDataPoint point = slots.get(transport.ordinal());
    if (point == null) {
      point = histogram.labelValues(server, zone, VIEW, transport.label());
      slots.set(transport.ordinal(), point);
    }
    return point;
  }

  static String rcodeLabel(int rcode) {
    return rcode >= 0 && rcode < RCODES.length && RCODES[rcode] != null ? RCODES[rcode] : "RCODE" + rcode;
  }
}
