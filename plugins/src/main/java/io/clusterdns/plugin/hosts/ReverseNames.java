package io.clusterdns.plugin.hosts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xbill.DNS.Name;

/** The address a complete {@code in-addr.arpa} or {@code ip6.arpa} name stands for. */
final class ReverseNames {
  private static final Name IN_ADDR = Name.fromConstantString("in-addr.arpa.");
  private static final Name IP6 = Name.fromConstantString("ip6.arpa.");
  // Labels of a full reverse name, counting the root label dnsjava includes.
  private static final int IN_ADDR_LABELS = 4 + 3;
  private static final int IP6_LABELS = 32 + 3;

  private ReverseNames() {}

  static Optional<InetAddress> address(Name name) {
    byte[] bytes;
    if (name.labels() == IN_ADDR_LABELS && name.subdomain(IN_ADDR)) {
      bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = decimalOctet(name.getLabelString(3 - i));
        if (octet < 0) {
          return Optional.empty();
        }
        bytes[i] = (byte) octet;
      }
    } else if (name.labels() == IP6_LABELS && name.subdomain(IP6)) {
      bytes = new byte[16];
      for (int label = 0; label < 32; label++) {
        int nibble = hexNibble(name.getLabelString(label));
        if (nibble < 0) {
          return Optional.empty();
        }
        int position = 31 - label;
        bytes[position / 2] |= (byte) (position % 2 == 0 ? nibble << 4 : nibble);
      }
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static int decimalOctet(String label) {
    if (label.isEmpty() || label.length() > 3 || !label.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int value = Integer.parseInt(label);
    return value <= 255 ? value : -1;
  }

  private static int hexNibble(String label) {
    return label.length() == 1 ? Character.digit(label.charAt(0), 16) : -1;
  }
}
