package io.clusterdns.plugin.loadbalance;

import io.clusterdns.plugin.AsyncHandler;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Request;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Reorders the next plugin's NOERROR replies at random, per query. Not deterministic on purpose:
 * a block with loadbalance has no server reply cache, so every client sees a fresh order.
 */
final class LoadbalanceHandler implements Handler, AsyncHandler, Lifecycle {
  private final Order order;
  private final Supplier<? extends RandomGenerator> random;

  /** {@code random} gives the current thread's generator: ThreadLocalRandom, or a seeded one in tests. */
  LoadbalanceHandler(Order order, Supplier<? extends RandomGenerator> random) {
    this.order = order;
    this.random = random;
  }

  @Override
  public void start() throws Exception {
    order.start();
  }

  @Override
  public void close() {
    order.close();
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    return reordered(request, next.next(request));
  }

  /** {@link #serve} for a chain that answers later: the reply is reordered when it comes. */
  @Override
  public CompletionStage<Message> serveAsync(Request request, Chain next) {
    return next.nextAsync(request).thenApply(reply -> reordered(request, reply));
  }

  private Message reordered(Request request, Message reply) {
    int qtype = request.qtype();
    if (reply.getRcode() == Rcode.NOERROR && qtype != Type.AXFR && qtype != Type.IXFR) {
      order.reorder(reply, qtype, random.get());
    }
    return reply;
  }
}
