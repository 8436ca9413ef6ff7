package io.clusterdns.plugin.rewrite;

import java.net.InetAddress;
import org.xbill.DNS.Address;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;

/** What an {@code edns0} rule puts in the option it sets. */
sealed interface OptionValue permits LocalData, OptionValue.ClientSubnet {
  EDNSOption option(int code, QueryRewrite query);

  /** Whether the option depends only on the query, never on the client. */
  boolean deterministic();

  /**
   * {@code edns0 subnet}: the client's own subnet (RFC 7871), its address cut to the first
   * {@code v4} or {@code v6} bits.
   */
  record ClientSubnet(int v4, int v6) implements OptionValue {
    @Override
    public EDNSOption option(int code, QueryRewrite query) {
      InetAddress client = query.original().remote().getAddress();
      int bits = Address.familyOf(client) == Address.IPv4 ? v4 : v6;
      return new ClientSubnetOption(bits, Address.truncate(client, bits));
    }

    @Override
    public boolean deterministic() {
      return false;
    }
  }
}
