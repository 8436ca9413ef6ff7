package io.clusterdns.plugin.loadbalance;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Token;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.Record;

/** An IPv4 or IPv6 subnet of a {@code prefer} line. */
final class Subnet {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private Subnet(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /** Reads {@code ADDRESS/PREFIX}; host bits after the prefix are ignored, as Go's ParseCIDR does. */
  static Subnet parse(Token token) throws CorefileException {
    String text = token.text();
    int slash = text.indexOf('/');
    byte[] address = null;
    int prefix = -1;
    if (slash > 0) {
      String host = text.substring(0, slash);
      address = Address.toByteArray(host, host.contains(":") ? Address.IPv6 : Address.IPv4);
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
    }
    if (address == null || prefix < 0 || prefix > address.length * 8) {
      throw new CorefileException(
          token, "loadbalance: '" + text + "' is not a CIDR such as 10.0.0.0/8 or fd00::/64");
    }
    return new Subnet(address, prefix, text);
  }

  /** Whether an A or AAAA record's address lies in this subnet. */
  boolean contains(Record record) {
    byte[] address;
    if (record instanceof ARecord a) {
      address = a.getAddress().getAddress();
    } else if (record instanceof AAAARecord aaaa) {
      address = aaaa.getAddress().getAddress();
    } else {
      return false;
    }
    if (address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return text;
  }
}
