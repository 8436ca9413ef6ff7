package io.clusterdns.plugin.bind;

import io.clusterdns.plugin.AsyncHandler;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.ListenAddresses;
import io.clusterdns.plugin.Request;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;

/** Tells the server which addresses its block listens on; queries pass straight on. */
final class BindHandler implements Handler, AsyncHandler, ListenAddresses, Deterministic {
  private final BindOptions options;

  BindHandler(BindOptions options) {
    this.options = options;
  }

  @Override
  public List<InetAddress> listenAddresses() {
    return options.addresses();
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    return next.next(request);
  }

  @Override
  public CompletionStage<Message> serveAsync(Request request, Chain next) {
    return next.nextAsync(request);
  }

  @Override
  public long generation() {
    return 0;
  }
}
