package io.clusterdns.plugin.explain;

import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.PassThrough;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.SharedHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Serves {@code /explain} on the process-wide HTTP listener of its address while the server
 * runs, explaining names through its block's first port. Queries pass straight on.
 */
public final class ExplainHandler implements PassThrough, Lifecycle {
  private final InetSocketAddress address;
  private final Explainer explainer;
  private volatile SharedHttpServer.Lease lease;
  private volatile ExplainEndpoint endpoint;

  ExplainHandler(InetSocketAddress address, SetupContext context) {
    this.address = address;
    this.explainer = new Explainer(context.serverLookup(), () -> context.plugins().values());
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
