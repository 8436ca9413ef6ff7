package io.clusterdns.plugin.loadbalance;

import io.clusterdns.plugin.AsyncHandler;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.WireHandler;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Reorders the next plugin's NOERROR replies at random, per query. Not deterministic on purpose:
 * a block with loadbalance has no server reply cache, so every client sees a fresh order.
 * Behind it, a cache hit in wire form is shuffled as bytes (round_robin without prefer).
 */
final class LoadbalanceHandler implements Handler, AsyncHandler, WireHandler, Lifecycle {
  private final Order order;
  /** Whether the policy is round_robin without prefer, the one done on wire replies. */
  private final boolean wired;
  private final Supplier<? extends RandomGenerator> random;

  /** {@code random} gives the current thread's generator: ThreadLocalRandom, or a seeded one in tests. */
  LoadbalanceHandler(Order order, Supplier<? extends RandomGenerator> random) {
    this.order = order;
    this.wired = order instanceof RoundRobin robin && !robin.prefers();
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

  /**
   * The next plugin's wire reply reordered as {@link #serve} would: in place when {@link
   * WireRoundRobin} can, else (several MX records, a section out of type order) through a
   * message. Prefer and weighted order by address, so they leave every query to the message path.
   */
  @Override
  public byte[] serveWire(Request request, Chain next, int maxLength) throws Exception {
    if (!wired) {
      return null;
    }
    byte[] reply = next.nextWire(request, maxLength);
    int qtype = request.qtype();
    // The reply has no OPT (WireHandler), so its rcode is the header's four bits.
    if (reply == null || !reorders(reply[3] & 0xF, qtype)) {
      return reply;
    }
    RandomGenerator generator = random.get();
    if (WireRoundRobin.shuffle(reply, generator)) {
      return reply;
    }
    // The hit is counted already: answered here, not left to the message path to count again.
    Message message = new Message(reply);
    order.reorder(message, qtype, generator);
    return message.toWire(maxLength);
  }

  private Message reordered(Request request, Message reply) {
    int qtype = request.qtype();
    if (reorders(reply.getRcode(), qtype)) {
      order.reorder(reply, qtype, random.get());
    }
    return reply;
  }

  private static boolean reorders(int rcode, int qtype) {
    return rcode == Rcode.NOERROR && qtype != Type.AXFR && qtype != Type.IXFR;
  }
}
