package io.clusterdns.plugin;

import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * Re-enters the server with a new question, through the same routing and chain as a client's
 * query (CoreDNS's {@code upstream}): how a plugin resolves a name that another plugin answers,
 * such as an ExternalName target that {@code forward} resolves.
 */
@FunctionalInterface
public interface ServerLookup {
  Message lookup(Request request) throws Exception;

  /**
   * The plugins, by name in chain order, of the server block that a lookup of {@code qname}
   * runs through; empty when no block takes the name. For explain, which asks them why
   * ({@link Explaining}); never used on the query path.
   */
  default Map<String, Handler> plugins(Name qname) {
    return Map.of();
  }
}
