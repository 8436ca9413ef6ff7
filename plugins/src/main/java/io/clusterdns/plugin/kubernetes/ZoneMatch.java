package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.Zones;
import org.xbill.DNS.Name;

/**
 * The plugin zone a query name falls in.
 *
 * @param zone the configured zone, lower case
 * @param spelled the same zone as the query spelled it, for owner names of SOA and targets
 */
record ZoneMatch(Name zone, Name spelled) {
  /** The most specific of {@code zones} that contains {@code qname}, or null. */
  static ZoneMatch find(Name[] zones, Name qname) {
    Name best = Zones.mostSpecific(zones, qname);
    if (best == null) {
      return null;
    }
    return new ZoneMatch(best, new Name(qname, qname.labels() - best.labels()));
  }

  /** Whether {@code name} is the zone apex. */
  boolean isApex(Name name) {
    return name.labels() == zone.labels();
  }
}
