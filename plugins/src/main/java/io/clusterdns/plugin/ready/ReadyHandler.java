package io.clusterdns.plugin.ready;

import io.clusterdns.plugin.AsyncHandler;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Readiness;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.WireHandler;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.SharedHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;

/**
 * Reports the readiness of its server block's plugins on the process-wide {@code /ready} of its
 * address, from start until close; turns to "Shutting down" when the process begins to stop.
 * Queries pass straight on.
 */
final class ReadyHandler implements Handler, AsyncHandler, WireHandler, Lifecycle, Deterministic {
  private final ReadyOptions options;
  private final SetupContext context;
  private volatile List<MonitoredPlugin> monitored = List.of();
  private volatile boolean stopping;
  private volatile SharedHttpServer.Lease lease;
  private volatile ReadyEndpoint endpoint;

  ReadyHandler(ReadyOptions options, SetupContext context) {
    this.options = options;
    this.context = context;
  }

  ReadyOptions options() {
    return options;
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    return next.next(request);
  }

  @Override
  public CompletionStage<Message> serveAsync(Request request, Chain next) {
    return next.nextAsync(request);
  }

  /** Passes a wire reply (a cache hit) on as it passes every reply on. */
  @Override
  public byte[] serveWire(Request request, Chain next, int maxLength) throws Exception {
    return next.nextWire(request, maxLength);
  }

  @Override
  public long generation() {
    return 0;
  }

  @Override
  public void start() throws IOException {
    List<MonitoredPlugin> plugins = new ArrayList<>();
    context.plugins().forEach((name, handler) -> {
      if (handler instanceof Readiness readiness && handler != this) {
        plugins.add(new MonitoredPlugin(name, readiness, options.continuously()));
      }
    });
    monitored = List.copyOf(plugins);
    SharedHttpServer.Lease opened = SharedHttpServer.open(options.address());
    endpoint = opened.attach("ready", ReadyEndpoint.class, ReadyEndpoint::new);
    endpoint.join(this);
    lease = opened;
  }

  /** Where {@code /ready} is served, once started (the real port when 0 was asked for). */
  InetSocketAddress address() {
    return lease.address();
  }

  boolean isStopping() {
    return stopping;
  }

  void addNotReady(Set<String> names) {
    for (MonitoredPlugin plugin : monitored) {
      if (!plugin.isReady()) {
        names.add(plugin.name());
      }
    }
  }

  @Override
  public void stopping() {
    stopping = true;
  }

  @Override
  public void close() {
    SharedHttpServer.Lease held = lease;
    if (held != null) {
      endpoint.leave(this);
      held.close();
    }
  }
}
