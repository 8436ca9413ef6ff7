package io.clusterdns.plugin.kubernetes;

import java.util.List;
import org.xbill.DNS.Name;

/**
 * The {@code fallthrough} option: which names that do not exist are handed to the next plugin
 * instead of being answered NXDOMAIN.
 *
 * @param enabled whether the option was given
 * @param zones the zones it is limited to; empty means every name
 */
public record Fallthrough(boolean enabled, List<Name> zones) {
  public static final Fallthrough OFF = new Fallthrough(false, List.of());

  public Fallthrough {
    zones = List.copyOf(zones);
  }

  public boolean covers(Name qname) {
    if (!enabled) {
      return false;
    }
    if (zones.isEmpty()) {
      return true;
    }
    for (Name zone : zones) {
      if (qname.subdomain(zone)) {
        return true;
      }
    }
    return false;
  }
}
