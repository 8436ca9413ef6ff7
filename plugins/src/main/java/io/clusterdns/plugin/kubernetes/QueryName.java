package io.clusterdns.plugin.kubernetes;

import java.util.Locale;
import org.xbill.DNS.Name;

/**
 * A forward name inside a kubernetes zone, split by the name grammar of the cluster DNS
 * schema. Every field is lower case; fields the shape does not use are null.
 */
record QueryName(
    Shape shape,
    String namespace,
    String service,
    String endpoint,
    String port,
    String protocol,
    String pod) {

  enum Shape {
    /** The zone itself. */
    APEX,
    /** {@code svc}, {@code pod} and {@code dns}: names with no data that have names below. */
    EMPTY_NODE,
    /** {@code dns-version}. */
    VERSION,
    /** {@code ns.dns}: the name server of the zone. */
    NAMESERVER,
    /** {@code <ns>.svc}. */
    NAMESPACE,
    /** {@code <ns>.pod}. */
    POD_NAMESPACE,
    /** {@code <svc>.<ns>.svc}. */
    SERVICE,
    /** {@code <endpoint>.<svc>.<ns>.svc}. */
    ENDPOINT,
    /** {@code _<port>._<proto>.<svc>.<ns>.svc}. */
    PORT,
    /** {@code <a-b-c-d>.<ns>.pod}. */
    POD,
    /** Anything else: does not exist. */
    INVALID
  }

  private static final QueryName APEX = of(Shape.APEX);
  private static final QueryName EMPTY = of(Shape.EMPTY_NODE);
  private static final QueryName VERSION = of(Shape.VERSION);
  private static final QueryName NAMESERVER = of(Shape.NAMESERVER);
  private static final QueryName INVALID = of(Shape.INVALID);

  private static QueryName of(Shape shape) {
    return new QueryName(shape, null, null, null, null, null, null);
  }

  /** Parses the labels of {@code qname} left of a zone of {@code zoneLabels} labels. */
  static QueryName parse(Name qname, int zoneLabels) {
    int n = qname.labels() - zoneLabels;
    if (n == 0) {
      return APEX;
    }
    String last = label(qname, n - 1);
    if (n == 1) {
      switch (last) {
        case "svc":
        case "pod":
        case "dns":
          return EMPTY;
        case "dns-version":
          return VERSION;
        default:
          return INVALID;
      }
    }
    if (last.equals("svc")) {
      String namespace = label(qname, n - 2);
      switch (n) {
        case 2:
          return new QueryName(Shape.NAMESPACE, namespace, null, null, null, null, null);
        case 3:
          return new QueryName(Shape.SERVICE, namespace, label(qname, 0), null, null, null, null);
        case 4:
          return new QueryName(
              Shape.ENDPOINT, namespace, label(qname, 1), label(qname, 0), null, null, null);
        case 5:
          return new QueryName(
              Shape.PORT,
              namespace,
              label(qname, 2),
              null,
              stripUnderscore(label(qname, 0)),
              stripUnderscore(label(qname, 1)),
              null);
        default:
          return INVALID;
      }
    }
    if (last.equals("pod")) {
      String namespace = label(qname, n - 2);
      switch (n) {
        case 2:
          return new QueryName(Shape.POD_NAMESPACE, namespace, null, null, null, null, null);
        case 3:
          return new QueryName(Shape.POD, namespace, null, null, null, null, label(qname, 0));
        default:
          return INVALID;
      }
    }
    if (n == 2 && last.equals("dns") && label(qname, 0).equals("ns")) {
      return NAMESERVER;
    }
    return INVALID;
  }

  private static String label(Name name, int index) {
    return name.getLabelString(index).toLowerCase(Locale.ROOT);
  }

  private static String stripUnderscore(String label) {
    return label.startsWith("_") ? label.substring(1) : label;
  }
}
