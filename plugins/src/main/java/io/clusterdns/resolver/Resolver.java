package io.clusterdns.resolver;

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
}
