package io.clusterdns.plugin.explain;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.SharedHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.xbill.DNS.Message;

/**
 * Serves {@code /explain} on the process-wide HTTP listener of its address while the server
 * runs, explaining names through its block's first port. Queries pass straight on.
 */
public final class ExplainHandler implements Handler, Lifecycle, Deterministic {
  private final InetSocketAddress address;
  private final Explainer explainer;
  private volatile SharedHttpServer.Lease lease;
  private volatile ExplainEndpoint endpoint;

  ExplainHandler(InetSocketAddress address, SetupContext context) {
    this.address = address;
    this.explainer = new Explainer(context.serverLookup(), () -> context.plugins().values());
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    return next.next(request);
  }

  @Override
  public long generation() {
    return 0;
  }

  @Override
  public void start() throws IOException {
    SharedHttpServer.Lease opened = SharedHttpServer.open(address);
    ExplainEndpoint attached = opened.attach("explain", ExplainEndpoint.class, ExplainEndpoint::new);
    // A reload starts the new configuration before closing the old one: the newest explains.
    attached.use(explainer);
    endpoint = attached;
    lease = opened;
  }

  /** Where {@code /explain} is served, once started (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return lease.address();
  }

  @Override
  public void close() {
    ExplainEndpoint attached = endpoint;
    if (attached != null) {
      attached.release(explainer);
    }
    SharedHttpServer.Lease held = lease;
    if (held != null) {
      held.close();
    }
  }
}
