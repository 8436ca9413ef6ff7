package io.clusterdns.server;

import java.util.HashMap;
import java.util.Map;
import org.xbill.DNS.Name;

/** The server blocks of one port by zone; a query goes to the block of its longest zone. */
final class ZoneTable {
  /** A zone (lower case, with trailing dot) and the chain of the block it belongs to. */
  record Route(String zone, BlockChain chain) {}

  private final Map<Name, Route> byZone;
  private final int maxLabels;

  ZoneTable(Map<Name, Route> byZone) {
    this.byZone = Map.copyOf(new HashMap<>(byZone));
    this.maxLabels = byZone.keySet().stream().mapToInt(Name::labels).max().orElse(0);
  }

  /** Every zone of the port with its chain. */
  java.util.Collection<Route> routes() {
    return byZone.values();
  }

  /** The route for {@code qname}, or null when no zone of this port contains it. */
  Route find(Name qname) {
    int labels = qname.labels();
    for (int skip = Math.max(0, labels - maxLabels); skip < labels; skip++) {
      Route chain = byZone.get(skip == 0 ? qname : new Name(qname, skip));
      if (chain != null) {
        return chain;
      }
    }
    return null;
  }
}
