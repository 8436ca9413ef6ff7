package io.clusterdns.server;

import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Request;
import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * Sends a plugin's own lookups into the processor of a listener (address and port), once the server runs; a reload
 * attaches the processors of the new configuration's listeners.
 */
final class ServerLookupRouter {
  private volatile Map<ListenKey, QueryProcessor> processors = Map.of();

  void attach(Map<ListenKey, QueryProcessor> processors) {
    this.processors = Map.copyOf(processors);
  }

  /**
   * @throws IllegalStateException before the server runs, or when the listener is no longer served:
   *     an answer from nowhere would look like one from the server (the loop plugin retries)
   */
  Message lookup(ListenKey listener, Request request) {
    QueryProcessor processor = processors.get(listener);
    if (processor == null) {
      throw new IllegalStateException(listener + " is not served (yet): lookup of " + request.qname());
    }
    return processor.lookup(request);
  }

  /** The plugins of the block that a lookup of {@code qname} on {@code listener} runs through. */
  Map<String, Handler> plugins(ListenKey listener, Name qname) {
    QueryProcessor processor = processors.get(listener);
    return processor == null ? Map.of() : processor.plugins(qname);
  }
}
