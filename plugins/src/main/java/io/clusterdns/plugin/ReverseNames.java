package io.clusterdns.plugin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * Reverse names ({@code in-addr.arpa.}, {@code ip6.arpa.}) for every plugin: recognising them,
 * the zones a Corefile CIDR stands for, and the address a full reverse name stands for.
 */
public final class ReverseNames {
  public static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
  public static final Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");
  private static final int IPV4_LABELS = 4;
  private static final int IPV6_LABELS = 32;
  /** The labels under the reverse tree's root: the two of its name plus dnsjava's root label. */
  private static final int TREE_LABELS = 3;

  private ReverseNames() {}

  /** Whether {@code name} is in the IPv4 or IPv6 reverse tree. */
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
  public static List<Name> zonesOf(String cidr) {
    return io.clusterdns.config.ReverseZones.fromCidr(cidr)
        .map(zones -> zones.stream().map(Name::fromConstantString).toList())
        .orElse(null);
  }

  /**
   * The address a full reverse name stands for ({@code 4.3.2.1.in-addr.arpa.} or 32 nibbles
   * under {@code ip6.arpa.}); null for any other name.
   */
  public static InetAddress address(Name name) {
    boolean v4;
    if (name.labels() == IPV4_LABELS + TREE_LABELS && name.subdomain(IN_ADDR_ARPA)) {
      v4 = true;
    } else if (name.labels() == IPV6_LABELS + TREE_LABELS && name.subdomain(IP6_ARPA)) {
      v4 = false;
    } else {
      return null;
    }
    int count = v4 ? IPV4_LABELS : IPV6_LABELS;
    byte[] bytes = new byte[v4 ? 4 : 16];
    for (int i = 0; i < count; i++) {
      String label = name.getLabelString(i);
      int value = v4 ? octet(label) : nibble(label);
      if (value < 0) {
        return null;
      }
      if (v4) {
        bytes[IPV4_LABELS - 1 - i] = (byte) value;
      } else {
        int index = IPV6_LABELS - 1 - i;
        bytes[index / 2] |= (byte) (index % 2 == 0 ? value << 4 : value);
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static int octet(String label) {
    if (label.isEmpty() || label.length() > 3) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255 ? value : -1;
  }

  private static int nibble(String label) {
    return label.length() == 1 ? Character.digit(label.charAt(0), 16) : -1;
  }
}
