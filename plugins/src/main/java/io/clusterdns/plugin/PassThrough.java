package io.clusterdns.plugin;

import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;

/**
 * A handler that passes every query on untouched: a plugin whose work is beside the query path
 * (an HTTP endpoint, a watch on the Corefile). It passes queries on in every form the server
 * runs a chain in, as a message, as a reply to come, and as a reply in wire form, so that it
 * keeps neither the asynchronous nor the wire path from the plugins after it; and it is
 * deterministic without state, so that it keeps its block's replies cacheable.
 */
public interface PassThrough extends Handler, AsyncHandler, WireHandler, Deterministic {
  @Override
  default Message serve(Request request, Chain next) throws Exception {
    return next.next(request);
  }

  @Override
  default CompletionStage<Message> serveAsync(Request request, Chain next) {
    return next.nextAsync(request);
  }

  @Override
  default byte[] serveWire(Request request, Chain next, int maxLength) throws Exception {
    return next.nextWire(request, maxLength);
  }

  @Override
  default long generation() {
    return 0;
  }
}
