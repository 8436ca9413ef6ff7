package io.clusterdns.server;

import io.clusterdns.plugin.Request;
import java.util.Map;
import org.xbill.DNS.Message;

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
}
