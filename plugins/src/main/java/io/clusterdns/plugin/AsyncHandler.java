package io.clusterdns.plugin;

import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;

/**
 * Optional interface of a {@link Handler} that can answer a query later without holding a thread
 * while it waits (forward, waiting for an upstream), or that passes such an answer on (cache,
 * which stores it). The server takes this path for UDP queries when the first handler of a
 * block's chain is an {@code AsyncHandler}; every other query, and every chain whose first
 * handler is not one, runs {@link Handler#serve} as before. A handler that does not implement
 * it needs nothing: on this path it is called through {@code serve}, synchronously.
 *
 * <p>The returned stage may complete on another thread (forward's socket thread), and the
 * functions a handler chains to it ({@code thenApply}, {@code handle}: not their {@code Async}
 * variants) run on that thread, which serves every other query waiting for that forward's
 * upstreams: they must not block or wait.
 */
public interface AsyncHandler {
  /**
   * Like {@link Handler#serve}: answers {@code request}, or passes it on with {@link
   * Chain#nextAsync}. Returns the reply to come, or null when this request must take {@link
   * Handler#serve} instead (with the server's hand-off first when the handler is {@link
   * Handler#blocking}): forward over TCP or TLS. A stage that fails turns into SERVFAIL, as a
   * handler that throws.
   */
  CompletionStage<Message> serveAsync(Request request, Chain next) throws Exception;
}
