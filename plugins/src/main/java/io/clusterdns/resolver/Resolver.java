package io.clusterdns.resolver;

import org.xbill.DNS.Type;

/**
 * A stub resolver as some client library implements it, configured from a pod's resolv.conf:
 * it turns a name into the queries that library would send (search list, ndots, retries) and
 * reports them all with the final result. Implementations come from {@link ResolverBehaviour}.
 */
public interface Resolver {
  /**
   * Looks up {@code name} (relative, or absolute with a trailing dot) for one query type
   * ({@link org.xbill.DNS.Type}), as the library would for a single-type lookup.
   */
  Resolution lookup(String name, int type);

  /**
   * Looks up the IPv4 and IPv6 addresses of {@code name} as the library does for
   * {@code getaddrinfo(AF_UNSPEC)} or its equivalent: A and AAAA at once or in turn, and a
   * candidate that ends the walk when either type answers. By default, an A lookup then an AAAA
   * lookup, each walking the search list on its own; each {@link ResolverBehaviour} says what its
   * library does instead.
   */
  default AddressResolution lookupAddresses(String name) {
    return AddressResolution.inTurn(name, lookup(name, Type.A), lookup(name, Type.AAAA));
  }
}
