package io.clusterdns.server;

import io.clusterdns.plugin.Request;
import java.util.Map;
import org.xbill.DNS.Message;

/**
 * Sends a plugin's own lookups into the processor of a port, once the server runs; a reload
 * attaches the processors of the new configuration's ports.
 */
final class ServerLookupRouter {
  private volatile Map<Integer, QueryProcessor> processors = Map.of();

  void attach(Map<Integer, QueryProcessor> processors) {
    this.processors = Map.copyOf(processors);
  }

  /**
   * @throws IllegalStateException before the server runs, or when the port is no longer served:
   *     an answer from nowhere would look like one from the server (the loop plugin retries)
   */
  Message lookup(int port, Request request) {
    QueryProcessor processor = processors.get(port);
    if (processor == null) {
      throw new IllegalStateException("port " + port + " is not served (yet): lookup of " + request.qname());
    }
    return processor.lookup(request);
  }
}
