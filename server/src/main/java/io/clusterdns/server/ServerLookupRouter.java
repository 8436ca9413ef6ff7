package io.clusterdns.server;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.util.Map;
import org.xbill.DNS.Message;

/** Sends a plugin's own lookups back into the processor of a listener, once the server runs. */
final class ServerLookupRouter {
  private volatile Map<ListenKey, QueryProcessor> processors = Map.of();

  void attach(Map<ListenKey, QueryProcessor> processors) {
    this.processors = Map.copyOf(processors);
  }

  Message lookup(ListenKey listener, Request request) {
    QueryProcessor processor = processors.get(listener);
    return processor == null ? Replies.servfail(request) : processor.lookup(request);
  }
}
