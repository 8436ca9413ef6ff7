package io.clusterdns.plugin;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;

/** The rest of the plugin chain after the current plugin. */
@FunctionalInterface
public interface Chain {
  /**
   * Hands the request to the next plugin. Past the last plugin the answer is SERVFAIL, as
   * CoreDNS answers when a plugin passes on a query that nothing after it handles.
   */
  Message next(Request request) throws Exception;

  /**
   * Hands the request to the next plugin for an answer that may come later, for an {@link
   * AsyncHandler}. The server's chains run the next {@code AsyncHandler} without waiting; by
   * default (a chain built by a test or a plugin) this is {@link #next}, already completed.
   */
  default CompletionStage<Message> nextAsync(Request request) {
    try {
      return CompletableFuture.completedFuture(next(request));
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Hands the request to the next plugin for a reply in wire form ({@link WireHandler}), or
   * null when the next plugin has none: then the request runs through {@link #next} from the
   * start of the chain. Null by default (a chain built by a test or a plugin, or past the end).
   */
  default byte[] nextWire(Request request, int maxLength) throws Exception {
    return null;
  }
}
