package io.clusterdns.plugin;

import java.util.Collection;
import org.xbill.DNS.Name;

/** Which of a plugin's zones a query name falls in. */
public final class Zones {
  private Zones() {}

  /** The most specific (longest) of {@code zones} that holds {@code qname}, or null. */
  public static Name mostSpecific(Name[] zones, Name qname) {
    Name best = null;
    for (Name zone : zones) {
      if ((best == null || zone.labels() > best.labels()) && qname.subdomain(zone)) {
        best = zone;
      }
    }
    return best;
  }

  /** The same for zones in a collection. */
  public static Name mostSpecific(Collection<Name> zones, Name qname) {
    Name best = null;
    for (Name zone : zones) {
      if ((best == null || zone.labels() > best.labels()) && qname.subdomain(zone)) {
        best = zone;
      }
    }
    return best;
  }
}
