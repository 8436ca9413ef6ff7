package io.clusterdns.plugin.k8s_external;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Builds the records of one k8s_external zone as one query spelled it, every record with the
 * plugin TTL (the SOA's too, as CoreDNS).
 */
final class ExternalRecords {
  static final long SOA_REFRESH = 7200;
  static final long SOA_RETRY = 1800;
  static final long SOA_EXPIRE = 86400;
  static final Name NS_LABEL = Name.fromConstantString("ns1");
  static final Name HOSTMASTER = Name.fromConstantString("hostmaster");

  private final Name zone;
  private final Name apex;
  private final long ttl;

  /**
   * @param zone the zone as the query spelled it
   * @param apex the apex name relative to the zone
   */
  ExternalRecords(Name zone, Name apex, long ttl) {
    this.zone = zone;
    this.apex = under(apex, zone);
    this.ttl = ttl;
  }

  long ttl() {
    return ttl;
  }

  /** {@code <apex>.<zone>}. */
  Name apex() {
    return apex;
  }

  /** {@code ns1.<apex>.<zone>}, the zone's one name server. */
  Name nameserver() {
    return under(NS_LABEL, apex);
  }

  /** {@code relative} (such as {@code svc1.testns}) under the zone. */
  Name name(Name relative) {
    return under(relative, zone);
  }

  static Name under(Name relative, Name origin) {
    try {
      return Name.concatenate(relative, origin);
    } catch (NameTooLongException e) {
      throw new IllegalArgumentException("name too long: " + relative + "." + origin, e);
    }
  }

  Record address(Name owner, InetAddress ip) {
    return ip instanceof Inet4Address
        ? new ARecord(owner, DClass.IN, ttl, ip)
        : new AAAARecord(owner, DClass.IN, ttl, ip);
  }

  static boolean family(InetAddress ip, int qtype) {
    return (ip instanceof Inet4Address) == (qtype == Type.A);
  }

  /** {@code zone ttl SOA ns1.<apex>.zone hostmaster.<apex>.zone serial 7200 1800 86400 ttl}. */
  Record soa(long serial) {
    return new SOARecord(
        zone, DClass.IN, ttl, nameserver(), under(HOSTMASTER, apex), serial,
        SOA_REFRESH, SOA_RETRY, SOA_EXPIRE, ttl);
  }
}
