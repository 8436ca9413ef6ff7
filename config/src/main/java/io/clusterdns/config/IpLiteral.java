package io.clusterdns.config;

/**
 * Parses IPv4 and IPv6 address literals without ever touching the resolver (which
 * {@link java.net.InetAddress#getByName} would do for anything it does not recognise).
 */
public final class IpLiteral {
  private IpLiteral() {}

  /** The IPv4 or IPv6 address written in {@code text}, or null if it is not an address literal. */
  public static java.net.InetAddress address(String text) {
    byte[] bytes = text.contains(":") ? ipv6(text) : ipv4(text);
    if (bytes == null) {
      return null;
    }
    try {
      return java.net.InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("a 4 or 16 byte address was refused", e);
    }
  }

  /** The four bytes of a dotted-quad address, or null if {@code text} is not one. */
  static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(IpLiteral::isDigit)) {
        return null;
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return null;
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  /** The sixteen bytes of an IPv6 address (with {@code ::} and a dotted tail), or null. */
  static byte[] ipv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = gap < 0 ? groups(text) : groups(text.substring(0, gap));
    int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2));
    if (head == null || tail == null) {
      return null;
    }
    int total = head.length + tail.length;
    if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
      return null;
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < head.length; i++) {
      put(bytes, i, head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      put(bytes, 8 - tail.length + i, tail[i]);
    }
    return bytes;
  }

  private static void put(byte[] bytes, int group, int value) {
    bytes[2 * group] = (byte) (value >> 8);
    bytes[2 * group + 1] = (byte) value;
  }

  private static int[] groups(String text) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] parts = text.split(":", -1);
    boolean dottedTail = parts[parts.length - 1].contains(".");
    int[] groups = new int[parts.length + (dottedTail ? 1 : 0)];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (dottedTail && i == parts.length - 1) {
        byte[] v4 = ipv4(part);
        if (v4 == null) {
          return null;
        }
        groups[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
        groups[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
      } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpLiteral::isHex)) {
        return null;
      } else {
        groups[i] = Integer.parseInt(part, 16);
      }
    }
    return groups;
  }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(int c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
