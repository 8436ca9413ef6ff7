package io.clusterdns.plugin;

import org.xbill.DNS.Message;

/**
 * Re-enters the server with a new question, through the same routing and chain as a client's
 * query (CoreDNS's {@code upstream}): how a plugin resolves a name that another plugin answers,
 * such as an ExternalName target that {@code forward} resolves.
 */
@FunctionalInterface
public interface ServerLookup {
  Message lookup(Request request) throws Exception;
}
