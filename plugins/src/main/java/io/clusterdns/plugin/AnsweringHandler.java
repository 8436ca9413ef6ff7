package io.clusterdns.plugin;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;

/**
 * A handler that answers some queries itself, at once and from memory, and passes every other
 * on untouched (hosts, loop, kubernetes): {@link #answer} decides, and {@link #serve} and {@link
 * #serveAsync} follow from it alike.
 */
public interface AnsweringHandler extends Handler, AsyncHandler {
  /** This handler's reply to {@code request}, or null when the query goes on down the chain. */
  Message answer(Request request) throws Exception;

  @Override
  default Message serve(Request request, Chain next) throws Exception {
    Message reply = answer(request);
    return reply != null ? reply : next.next(request);
  }

  /** {@link #serve} for a chain that answers later (forward, after a fallthrough). */
  @Override
  default CompletionStage<Message> serveAsync(Request request, Chain next) throws Exception {
    Message reply = answer(request);
    return reply != null ? CompletableFuture.completedFuture(reply) : next.nextAsync(request);
  }
}
