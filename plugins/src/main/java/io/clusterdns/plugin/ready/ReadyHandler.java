package io.clusterdns.plugin.ready;

import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.PassThrough;
import io.clusterdns.plugin.Readiness;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.SharedHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reports the readiness of its server block's plugins on the process-wide {@code /ready} of its
 * address, from start until close; turns to "Shutting down" when the process begins to stop.
 * Queries pass straight on.
 */
final class ReadyHandler implements PassThrough, Lifecycle {
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
