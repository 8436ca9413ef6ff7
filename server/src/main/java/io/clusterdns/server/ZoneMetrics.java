package io.clusterdns.server;

import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import io.clusterdns.plugin.prometheus.ThreadHistogram;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntSupplier;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The core metrics of one zone of one listener, their label values resolved once: each series
 * is made the first time it is needed (so that, as in CoreDNS, only series that happened are
 * exported) and its cell kept in a slot indexed by transport, family, type, rcode and plugin, so
 * a query costs no label look-up.
 */
final class ZoneMetrics {
  /** No view plugin exists, so the view label is always empty, as CoreDNS's without views. */
  private static final String VIEW = "";
  /** A slot not resolved yet; slots hold cell + 1. */
  private static final int UNRESOLVED = 0;
  private static final int DURATION = 0;
  private static final int DO_REQUESTS = 1;

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
  /**
   * Index: (transport * 2 + family - 1) * TYPES + type. Read on the reply-cache path, as the
   * family is not part of a cached reply's {@link QueryCounts}.
   */
  private final AtomicIntegerArray requests = new AtomicIntegerArray(4 * TYPES);
  /** Index: rcode * (plugins + 1) + plugin position, or plugins.size() for no plugin. */
  private final AtomicIntegerArray responses;
  private final AtomicIntegerArray requestSizes = new AtomicIntegerArray(2);
  private final AtomicIntegerArray responseSizes = new AtomicIntegerArray(2);
  /** The [queries, NXDOMAIN] cells of each namespace admitted so far. */
  private final ConcurrentHashMap<String, int[]> namespaces = new ConcurrentHashMap<>();
  /** How many namespaces were admitted (a race may count one twice: the cap is never passed). */
  private final AtomicInteger admitted = new AtomicInteger();
  private volatile int[] otherNamespaces;
  /** The duration and DO-bit series, at {@link #DURATION} and {@link #DO_REQUESTS}. */
  private final AtomicIntegerArray single = new AtomicIntegerArray(2);

  ZoneMetrics(String server, String zone, List<String> plugins) {
    this.server = server;
    this.zone = zone;
    this.plugins = List.copyOf(plugins);
    this.responses = new AtomicIntegerArray(RCODES.length * (plugins.size() + 1));
  }

  /** What one kind of query with one kind of reply adds to, resolved once per kind. */
  QueryCounts counts(Name qname, Transport transport, int qtype, boolean dnssecOk, int rcode, String plugin) {
    int proto = transport.ordinal();
    int[] namespace =
        qname == null || zone.equals(PrometheusMetrics.DROPPED_ZONE) ? null : namespace(qname);
    int type = qtype >= 0 && qtype < TYPE_INDEX.length && TYPE_INDEX[qtype] != 0 ? TYPE_INDEX[qtype] - 1 : OTHER_TYPE;
    return new QueryCounts(
        this,
        proto * 2 * TYPES + type,
        response(rcode, plugin),
        dnssecOk ? resolve(single, DO_REQUESTS, () -> PrometheusMetrics.DO_REQUESTS.series(server, VIEW, zone))
            : QueryCounts.NONE,
        size(requestSizes, PrometheusMetrics.REQUEST_SIZE, transport),
        size(responseSizes, PrometheusMetrics.RESPONSE_SIZE, transport),
        resolve(single, DURATION, () -> PrometheusMetrics.REQUEST_DURATION.series(server, zone, VIEW)),
        namespace == null ? QueryCounts.NONE : namespace[0],
        namespace == null || rcode != Rcode.NXDOMAIN ? QueryCounts.NONE : namespace[1]);
  }

  /**
   * The cells of the namespace {@code qname} is under, or null when it names none: the label
   * before the rightmost {@code svc} label that has at least two labels before it, as in {@code
   * <name>.<namespace>.svc.<domain>}, a pod's first search domain ({@code <namespace>.svc.<domain>})
   * appended to a short name, or a Service or Pod name in full.
   */
  private int[] namespace(Name qname) {
    int labels = qname.labels() - (qname.isAbsolute() ? 1 : 0);
    for (int i = labels - 1; i >= 2; i--) {
      if (isSvc(qname, i)) {
        String namespace = qname.getLabelString(i - 1).toLowerCase(Locale.ROOT);
        int[] cells = namespaces.get(namespace);
        if (cells != null) {
          return cells;
        }
        if (admitted.get() >= PrometheusMetrics.MAX_NAMESPACES
            || admitted.incrementAndGet() > PrometheusMetrics.MAX_NAMESPACES) {
          int[] other = otherNamespaces;
          if (other == null) {
            other = namespaceCells(PrometheusMetrics.OTHER_NAMESPACE);
            otherNamespaces = other;
          }
          return other;
        }
        cells = namespaceCells(namespace);
        int[] raced = namespaces.putIfAbsent(namespace, cells);
        return raced != null ? raced : cells;
      }
    }
    return null;
  }

  private static boolean isSvc(Name name, int label) {
    String text = name.getLabelString(label);
    return text.length() == 3 && text.equalsIgnoreCase("svc");
  }

  private int[] namespaceCells(String namespace) {
    return new int[] {
      PrometheusMetrics.CLIENT_NAMESPACE_QUERIES.series(server, zone, namespace),
      PrometheusMetrics.CLIENT_NAMESPACE_NXDOMAIN.series(server, zone, namespace)
    };
  }

  /** The requests cell at {@code base} (transport and type) for the client's family. */
  int requests(int base, boolean ipv6) {
    int index = base + (ipv6 ? TYPES : 0);
    int slot = requests.get(index);
    if (slot != UNRESOLVED) {
      return slot - 1;
    }
    int type = index % TYPES;
    return resolve(requests, index, () -> PrometheusMetrics.REQUESTS.series(
        server, zone, VIEW, Transport.values()[index / (2 * TYPES)].label(), ipv6 ? "2" : "1",
        type == OTHER_TYPE ? "other" : PrometheusMetrics.MONITORED_TYPES[type]));
  }

  private int response(int rcode, String plugin) {
    int position = plugins.indexOf(plugin);
    if (rcode < 0 || rcode >= RCODES.length || (position < 0 && !plugin.isEmpty())) {
      // An rcode past Go's table, or a plugin of another block (through a server look-up).
      return PrometheusMetrics.RESPONSES.series(server, zone, VIEW, rcodeLabel(rcode), plugin);
    }
    int index = rcode * (plugins.size() + 1) + (position < 0 ? plugins.size() : position);
    return resolve(responses, index,
        () -> PrometheusMetrics.RESPONSES.series(server, zone, VIEW, rcodeLabel(rcode), plugin));
  }

  private int size(AtomicIntegerArray slots, ThreadHistogram histogram, Transport transport) {
    return resolve(slots, transport.ordinal(), () -> histogram.series(server, zone, VIEW, transport.label()));
  }

  /**
   * The cell kept in {@code slots[index]}, made by {@code series} the first time. Threads that
   * race get the same cell: a family makes each series once.
   */
  private static int resolve(AtomicIntegerArray slots, int index, IntSupplier series) {
    int slot = slots.get(index);
    if (slot == UNRESOLVED) {
      slot = series.getAsInt() + 1;
      slots.set(index, slot);
    }
    return slot - 1;
  }

  static String rcodeLabel(int rcode) {
    return rcode >= 0 && rcode < RCODES.length && RCODES[rcode] != null ? RCODES[rcode] : "RCODE" + rcode;
  }
}
