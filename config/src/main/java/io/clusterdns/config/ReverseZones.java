package io.clusterdns.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse zones that cover a network. Reverse names only have labels for whole octets
 * (IPv4) or nibbles (IPv6), so like CoreDNS a prefix between two boundaries becomes every zone
 * at the next longer boundary: 10.96.0.0/12 is the 16 zones 96.10.in-addr.arpa. to
 * 111.10.in-addr.arpa.
 */
public final class ReverseZones {
  private ReverseZones() {}

  /**
   * The reverse zones (lower case, with the trailing dot) that cover {@code cidr}, such as
   * {@code 10.96.0.0/12}; empty when the text is not an address and a prefix length.
   */
  public static Optional<List<String>> fromCidr(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    Optional<byte[]> address = IpLiteral.bytes(cidr.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    int prefix = prefixLength(cidr.substring(slash + 1), address.get().length * 8);
    return prefix < 0 ? Optional.empty() : Optional.of(of(address.get(), prefix));
  }

  /** The prefix length written in {@code text} when it is a number from 0 to {@code bits}, else -1. */
  static int prefixLength(String text, int bits) {
    if (text.isEmpty() || text.length() > 3 || !ServerKeyParser.allDigits(text)) {
      return -1;
    }
    int prefix = Integer.parseInt(text);
    return prefix <= bits ? prefix : -1;
  }

  /** The reverse zones that cover the network of {@code address} with {@code prefix} bits. */
  public static List<String> of(byte[] address, int prefix) {
    boolean v4 = address.length == 4;
    int digitBits = v4 ? 8 : 4;
    int[] digits = digits(address, digitBits);
    int bits = address.length * 8;
    clearHostBits(digits, digitBits, prefix, bits);
    int rounded = (prefix + digitBits - 1) / digitBits * digitBits;
    int labels = rounded / digitBits;
    List<String> zones = new ArrayList<>();
    for (int i = 0; i < 1 << (rounded - prefix); i++) {
      StringBuilder zone = new StringBuilder();
      for (int d = labels - 1; d >= 0; d--) {
        int digit = d == labels - 1 ? digits[d] | i : digits[d];
        zone.append(v4 ? Integer.toString(digit) : Integer.toHexString(digit)).append('.');
      }
      zones.add(zone.append(v4 ? "in-addr.arpa." : "ip6.arpa.").toString());
    }
    return zones;
  }

  private static int[] digits(byte[] address, int digitBits) {
    if (digitBits == 8) {
      int[] octets = new int[address.length];
      for (int i = 0; i < address.length; i++) {
        octets[i] = address[i] & 0xff;
      }
      return octets;
    }
    int[] nibbles = new int[address.length * 2];
    for (int i = 0; i < address.length; i++) {
      nibbles[2 * i] = (address[i] >> 4) & 0xf;
      nibbles[2 * i + 1] = address[i] & 0xf;
    }
    return nibbles;
  }

  private static void clearHostBits(int[] digits, int digitBits, int prefix, int bits) {
    for (int bit = prefix; bit < bits; bit++) {
      int digit = bit / digitBits;
      int shift = digitBits - 1 - bit % digitBits;
      digits[digit] &= ~(1 << shift);
    }
  }
}
