package io.clusterdns.resolver;

import io.clusterdns.config.ResolvConf;
import java.net.InetSocketAddress;
import java.util.function.BiFunction;

/**
 * The client libraries whose resolvers this module models. Each makes a {@link Resolver} from a
 * pod's resolv.conf and the test server's address, which stands for every name server the file
 * lists.
 */
public enum ResolverBehaviour {
  /**
   * glibc's search rules ({@code res_nsearch}) for a lookup of one type, over real UDP (TCP after
   * a truncated reply), and getaddrinfo's A and AAAA at once ({@code single-request},
   * {@code single-request-reopen}, and the switch to them after a lost reply) for {@link
   * Resolver#lookupAddresses}: see {@link SearchListResolver} and {@link GlibcPairSend}.
   */
  SEARCH_LIST(SearchListResolver::new),

  /**
   * musl's {@code getaddrinfo} (Alpine images): no search list for a name with {@code ndots}
   * dots, and a lookup that stops at the first candidate not answered NXDOMAIN; with A and AAAA
   * at once, no reply to either fails the lookup. See {@link MuslResolver}.
   */
  MUSL(MuslResolver::new),

  /**
   * Go's own resolver ({@code PreferGo}, static Go binaries): every failure goes on to the next
   * candidate; A and AAAA at once per candidate. See {@link GoResolver}.
   */
  GO(GoResolver::new),

  /**
   * c-ares's {@code ares_getaddrinfo} (Node.js, curl, gRPC): NXDOMAIN and NODATA go on, any
   * other failure ends the lookup; A and AAAA at once, the one that ends last deciding a
   * candidate without records. See {@link CAresResolver}.
   */
  C_ARES((conf, server) -> new CAresResolver(conf, server, false)),

  /**
   * c-ares's {@code ares_search} for one type: as {@link #C_ARES}, but a name with a trailing dot
   * is queried as it is only. {@link Resolver#lookupAddresses} is {@code ares_getaddrinfo}'s.
   * See {@link CAresResolver}.
   */
  C_ARES_SEARCH((conf, server) -> new CAresResolver(conf, server, true)),

  /**
   * dnsjava's {@code Lookup} as {@code ResolverConfig} sets it up: NODATA ends the lookup, every
   * other failure goes on, and the name as given is asked last even when it went first;
   * {@code Lookup} is per type, so A and AAAA are {@code Address.getAllByName}'s two lookups in
   * turn. See {@link DnsjavaResolver}.
   */
  DNSJAVA(DnsjavaResolver::new),

  /**
   * BIND 9.18's {@code dig +search} ({@link Resolver#lookup}) and {@code nslookup} ({@link
   * Resolver#lookupAddresses}): no search list with {@code ndots} dots, and only NXDOMAIN goes
   * on; SERVFAIL is not asked again. See {@link BindToolsResolver}.
   */
  BIND_TOOLS((conf, server) -> new BindToolsResolver(conf, server, 0)),

  /**
   * BIND 9.18's {@code host -t TYPE} ({@link Resolver#lookup}): as {@link #BIND_TOOLS}, but each
   * query is tried twice whatever the resolv.conf's {@code attempts}. See {@link BindToolsResolver}.
   */
  BIND_HOST((conf, server) -> new BindToolsResolver(conf, server, BindToolsResolver.HOST_TRIES));

  private final BiFunction<ResolvConf, InetSocketAddress, Resolver> factory;

  ResolverBehaviour(BiFunction<ResolvConf, InetSocketAddress, Resolver> factory) {
    this.factory = factory;
  }

  /** A resolver configured by {@code conf} that sends its queries to {@code server}. */
  public Resolver resolver(ResolvConf conf, InetSocketAddress server) {
    return factory.apply(conf, server);
  }
}
