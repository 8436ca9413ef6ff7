package io.clusterdns.plugin.kubernetes;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;

/**
 * Builds the records of one zone as one query spelled it: names under the zone keep the query's
 * spelling of the zone, and every record gets the plugin TTL.
 */
final class RecordMaker {
  static final long SOA_REFRESH = 7200;
  static final long SOA_RETRY = 1800;
  static final long SOA_EXPIRE = 86400;
  static final long MAX_SOA_TTL = 300;

  private final Name zone;
  private final long ttl;

  RecordMaker(Name zone, long ttl) {
    this.zone = zone;
    this.ttl = ttl;
  }

  long ttl() {
    return ttl;
  }

  /** {@code relative} (lower case labels such as {@code svc1.testns.svc}) under the zone. */
  Name name(String relative) {
    return under(relative, zone);
  }

  static Name under(String relative, Name zone) {
    try {
      return Name.fromString(relative, zone);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + relative, e);
    }
  }

  Record address(Name owner, InetAddress ip) {
    return ip instanceof Inet4Address
        ? new ARecord(owner, DClass.IN, ttl, ip)
        : new AAAARecord(owner, DClass.IN, ttl, ip);
  }

  /** {@code zone T SOA ns.dns.zone hostmaster.zone serial 7200 1800 86400 ttl}, T = min(ttl, 300). */
  Record soa(long serial) {
    return new SOARecord(
        zone,
        DClass.IN,
        Math.min(ttl, MAX_SOA_TTL),
        name(Nameservers.DEFAULT_NAME),
        name("hostmaster"),
        serial,
        SOA_REFRESH,
        SOA_RETRY,
        SOA_EXPIRE,
        ttl);
  }
}
