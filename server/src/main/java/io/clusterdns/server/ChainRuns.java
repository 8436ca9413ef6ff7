package io.clusterdns.server;

import io.clusterdns.plugin.DeliveryFault;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * The reply of a server block's chain, waited for or already completed, or the SERVFAIL of its
 * failure, logged and counted as a panic. A {@link DeliveryFault} goes through to the caller.
 */
final class ChainRuns {
  /** Logged as the query processor, as before this class was split off it: log filters keep working. */
  private static final Logger LOG = LoggerFactory.getLogger(QueryProcessor.class);

  private ChainRuns() {}

  static Message run(BlockChain chain, Request request) throws DeliveryFault {
    try {
      return chain.run(request);
    } catch (DeliveryFault fault) {
      throw fault;
    } catch (Exception e) {
      return failed(request, e);
    }
  }

  /** The SERVFAIL for a chain that failed with {@code error}, logged and counted as a panic. */
  static Message failed(Request request, Throwable error) {
    PrometheusMetrics.PANICS.inc();
    BlockChain.writtenByServer();
    if (error instanceof PluginFailure failure) {
      LOG.error("plugin/{}: {} {}: {}", failure.plugin(), request.qname(),
          Type.string(request.qtype()), failure.getCause().toString(), failure.getCause());
      return Replies.servfail(request, ExtendedErrorCodeOption.OTHER, "plugin/" + failure.plugin() + " failed");
    }
    LOG.error("{} {}: {}", request.qname(), Type.string(request.qtype()), error.toString(), error);
    return Replies.servfail(request, ExtendedErrorCodeOption.OTHER, "server failure");
  }

  /** The reply of a completed asynchronous chain, or the SERVFAIL of its failure. */
  static Message outcome(CompletableFuture<Message> stage, Request request) throws DeliveryFault {
    try {
      return stage.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof DeliveryFault fault) {
        throw fault;
      }
      return failed(request, cause);
    }
  }
}
