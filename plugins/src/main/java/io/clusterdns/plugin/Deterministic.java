package io.clusterdns.plugin;

import org.xbill.DNS.Name;

/**
 * Optional interface of a handler whose reply depends only on the query's bytes (name as
 * spelled, type, class, flags, EDNS) and on the handler's own state: never on the client's
 * address, the transport's peer, the clock or chance, and without side effects that must happen
 * per query (logging, counting). When every handler of a server block's chain is deterministic,
 * the server may answer a query that is byte for byte the same as an earlier one, apart from its
 * ID, with the earlier reply, for as long as the sum of the chain's {@link #generation}s is the
 * same.
 */
public interface Deterministic {
  /**
   * Whether this instance is deterministic as configured; a handler whose options can make it
   * depend on the client (a template that renders {@code {{ .Remote }}}) answers false.
   */
  default boolean deterministic() {
    return true;
  }

  /**
   * A number that grows (never shrinks) whenever the state answers come from changes: a reload
   * of a file, a new cluster snapshot. Constant for a handler without state. Called on every
   * query, so it must be cheap, a volatile read or two. The handler changes its state first and
   * the generation after, so that a reply computed after reading a generation is never older
   * than that generation.
   */
  long generation();

  /**
   * Whether a change of {@link #generation} may change the reply to a query for {@code qname}.
   * A handler that answers only its zones and passes other names on says false for those, so
   * that a cache in front of it (the cache plugin) keeps their answers across its changes. Must
   * be cheap and must not depend on the state. True by default, which is always safe.
   */
  default boolean covers(Name qname) {
    return true;
  }
}
