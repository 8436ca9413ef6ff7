package io.clusterdns.server;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.util.Map;
import org.xbill.DNS.Message;

/** Sends a plugin's own lookups back into the processor of a port, once the server runs. */
final class ServerLookupRouter {
  private volatile Map<Integer, QueryProcessor> processors = Map.of();

  void attach(Map<Integer, QueryProcessor> processors) {
    this.processors = Map.copyOf(processors);
  }

  Message lookup(int port, Request request) {
    QueryProcessor processor = processors.get(port);
    return processor == null ? Replies.servfail(request) : processor.lookup(request);
  }
}
