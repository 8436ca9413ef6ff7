package io.clusterdns.plugin.kubernetes;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;

/** Reverse-zone names: recognising them and deriving them from CIDRs. */
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
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return null;
    }
    InetAddress base;
    int prefix;
    try {
      base = Address.getByAddress(cidr.substring(0, slash));
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (java.net.UnknownHostException | NumberFormatException e) {
      return null;
    }
    byte[] bytes = base.getAddress();
    boolean v4 = bytes.length == 4;
    int bits = bytes.length * 8;
    if (prefix < 0 || prefix > bits) {
      return null;
    }
    int step = v4 ? 8 : 4;
    int rounded = (prefix + step - 1) / step * step;
    int variants = 1 << (rounded - prefix);
    List<Name> zones = new ArrayList<>(variants);
    for (int v = 0; v < variants; v++) {
      byte[] network = bytes.clone();
      clearFrom(network, prefix);
      setBits(network, prefix, rounded - prefix, v);
      zones.add(zoneOf(network, rounded / step, v4));
    }
    return zones;
  }

  private static void clearFrom(byte[] bytes, int bit) {
    for (int i = bit; i < bytes.length * 8; i++) {
      bytes[i / 8] &= (byte) ~(0x80 >>> (i % 8));
    }
  }

  private static void setBits(byte[] bytes, int from, int count, int value) {
    for (int i = 0; i < count; i++) {
      if ((value >>> (count - 1 - i) & 1) == 1) {
        int bit = from + i;
        bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
      }
    }
  }

  private static Name zoneOf(byte[] bytes, int labels, boolean v4) {
    StringBuilder text = new StringBuilder();
    for (int i = labels - 1; i >= 0; i--) {
      if (v4) {
        text.append(bytes[i] & 0xff);
      } else {
        int nibble = (bytes[i / 2] >>> (i % 2 == 0 ? 4 : 0)) & 0xf;
        text.append(Character.forDigit(nibble, 16));
      }
      text.append('.');
    }
    text.append(v4 ? "in-addr.arpa." : "ip6.arpa.");
    return Name.fromConstantString(text.toString());
  }
}
