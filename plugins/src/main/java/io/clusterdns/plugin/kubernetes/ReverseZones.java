package io.clusterdns.plugin.kubernetes;

import java.util.List;
import org.xbill.DNS.Name;

/** Reverse-zone names: recognising them, and the Corefile's CIDR → zones rule as names. */
public final class ReverseZones {
  static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
  static final Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");

  private ReverseZones() {}

  public static boolean isReverse(Name name) {
    return name.subdomain(IN_ADDR_ARPA) || name.subdomain(IP6_ARPA);
  }

  /**
   * The reverse zones that cover {@code cidr}, such as {@code 10.96.0.0/24 →
   * 0.96.10.in-addr.arpa.}. A prefix that does not end on a label boundary (8 bits for IPv4, 4
   * for IPv6) becomes every zone one boundary deeper, so {@code 10.96.0.0/12} gives the sixteen
   * zones {@code 96.10.in-addr.arpa.} to {@code 111.10.in-addr.arpa.}. Null when the text is not
   * a CIDR.
   */
  static List<Name> fromCidr(String cidr) {
    return io.clusterdns.config.ReverseZones.fromCidr(cidr)
        .map(zones -> zones.stream().map(Name::fromConstantString).toList())
        .orElse(null);
  }
}
