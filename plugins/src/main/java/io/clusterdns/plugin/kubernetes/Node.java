package io.clusterdns.plugin.kubernetes;

import java.util.List;
import org.xbill.DNS.Name;

/**
 * What exists at a name of a kubernetes zone.
 *
 * @param items the addresses and ports, for {@link Kind#ADDRESSES}
 * @param alias the CNAME target, for {@link Kind#ALIAS}
 */
record Node(Kind kind, List<Item> items, Name alias) {
  enum Kind {
    /** The name does not exist: NXDOMAIN. */
    MISSING,
    /** The name exists with no records of its own. */
    EMPTY,
    /** The zone apex: SOA and NS. */
    APEX,
    /** {@code dns-version}: the schema version TXT. */
    VERSION,
    /** Address (and, with ports, SRV) records. */
    ADDRESSES,
    /** An ExternalName service: a CNAME. */
    ALIAS
  }

  static final Node MISSING = new Node(Kind.MISSING, List.of(), null);
  static final Node EMPTY = new Node(Kind.EMPTY, List.of(), null);
  static final Node APEX = new Node(Kind.APEX, List.of(), null);
  static final Node VERSION = new Node(Kind.VERSION, List.of(), null);

  Node {
    items = List.copyOf(items);
  }

  static Node addresses(List<Item> items) {
    return items.isEmpty() ? MISSING : new Node(Kind.ADDRESSES, items, null);
  }

  static Node alias(Name target) {
    return new Node(Kind.ALIAS, List.of(), target);
  }
}
