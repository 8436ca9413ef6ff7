package io.clusterdns.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The reverse zones that cover a network. Reverse names only have labels for whole octets
 * (IPv4) or nibbles (IPv6), so like CoreDNS a prefix between two boundaries becomes every zone
 * at the next longer boundary: 10.96.0.0/12 is the 16 zones 96.10.in-addr.arpa. to
 * 111.10.in-addr.arpa.
 */
final class ReverseZones {
  private ReverseZones() {}

  static List<String> of(byte[] address, int prefix) {
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
