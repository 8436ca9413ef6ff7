package io.clusterdns.plugin.hosts;

import java.util.List;
import org.xbill.DNS.Name;

/**
 * Which names a plugin passes to the next one instead of answering negatively: none without the
 * {@code fallthrough} keyword, every name with it alone, or the names under the zones it lists.
 */
record Fallthrough(List<Name> zones) {
  static final Fallthrough NEVER = new Fallthrough(List.of());
  static final Fallthrough ALWAYS = new Fallthrough(List.of(Name.root));

  Fallthrough {
    zones = List.copyOf(zones);
  }

  boolean covers(Name qname) {
    for (Name zone : zones) {
      if (qname.subdomain(zone)) {
        return true;
      }
    }
    return false;
  }
}
