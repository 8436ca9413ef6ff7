package io.clusterdns.plugin.log;

import io.clusterdns.plugin.AsyncHandler;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Request;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * Logs each query under its names once the rest of the chain has answered, one line per query
 * in the configured format; a failed chain is logged (class error, no reply) and the failure
 * passed on.
 */
final class LogHandler implements Handler, AsyncHandler {
  private final List<Name> names;
  private final LogFormat format;
  private final Set<ResponseClass> classes;
  private final boolean all;
  private final QueryLogSink sink;

  LogHandler(LogOptions options, QueryLogSink sink) {
    this.names = options.names();
    this.format = options.format();
    this.classes = options.classes();
    this.all = classes.contains(ResponseClass.ALL);
    this.sink = sink;
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    if (!covers(request.qname())) {
      return next.next(request);
    }
    Message reply;
    try {
      reply = next.next(request);
    } catch (Exception e) {
      log(request, null);
      throw e;
    }
    log(request, reply);
    return reply;
  }

  /** {@link #serve} for a chain that answers later: the line is written when the reply comes. */
  @Override
  public CompletionStage<Message> serveAsync(Request request, Chain next) {
    if (!covers(request.qname())) {
      return next.nextAsync(request);
    }
    return next.nextAsync(request).whenComplete((reply, error) -> log(request, error == null ? reply : null));
  }

  private boolean covers(Name qname) {
    for (Name name : names) {
      if (qname.subdomain(name)) {
        return true;
      }
    }
    return false;
  }

  private void log(Request request, Message reply) {
    if (!sink.enabled()) {
      return;
    }
    if (all || classes.contains(ResponseClass.of(request, reply))) {
      sink.write(format.format(request, reply, System.nanoTime()));
    }
  }
}
