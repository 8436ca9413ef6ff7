package io.clusterdns.server;

import io.clusterdns.plugin.DeliveryFault;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;

/**
 * Answers a query through an asynchronous chain without holding the listener's thread while it
 * waits: the thread that completes the chain sends the reply.
 */
final class LateAnswers {
  /** Logged as the query processor, as before this class was split off it: log filters keep working. */
  private static final Logger LOG = LoggerFactory.getLogger(QueryProcessor.class);

  /** What {@link #answer} returns when the reply goes out later, through the late sender. */
  static final byte[] LATER = new byte[0];

  private LateAnswers() {}

  /**
   * Runs an asynchronous chain, counted in {@code inFlight}. A reply already there (a cache hit)
   * is returned to the calling thread as usual; otherwise the thread that completes the chain
   * encodes the reply and sends it through {@code late}, and the query leaves the configuration
   * only then ({@link #LATER}).
   */
  static byte[] answer(InFlight inFlight, BlockChain chain, Request request, Message query,
      InetSocketAddress remote, Transport transport, ZoneMetrics zone, int length, long start,
      QueryProcessor.LateSender late) throws DeliveryFault {
    CompletableFuture<Message> stage = chain.runAsync(request).toCompletableFuture();
    if (stage.isDone()) {
      Message reply = ChainRuns.outcome(stage, request);
      String plugin = zone == null ? "" : BlockChain.replyPlugin();
      return QueryMetering.finish(query, reply, transport, zone, plugin, length, remote, start);
    }
    late.awaiting();
    stage.whenComplete((ignored, error) -> {
      try {
        byte[] wire;
        try {
          Message reply = ChainRuns.outcome(stage, request);
          String plugin = zone == null ? "" : BlockChain.replyPlugin();
          wire = QueryMetering.finish(query, reply, transport, zone, plugin, length, remote, start);
        } catch (DeliveryFault fault) {
          wire = ReplyBytes.deliver(query, fault, remote, transport, late);
        }
        if (wire != null) {
          late.send(wire, remote);
        }
      } catch (RuntimeException | LinkageError e) {
        LOG.error("{}: the reply that came later could not be sent: {}", request, e.toString(), e);
      } finally {
        inFlight.exit();
        late.answered();
      }
    });
    return LATER;
  }
}
