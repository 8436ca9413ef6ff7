package io.clusterdns.plugin.health;

import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.PassThrough;
import io.clusterdns.plugin.SharedHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Serves {@code /health} on the process-wide listener of its address while the server runs, and
 * tells the server how long to keep answering at shutdown (lameduck). Queries pass straight on.
 */
final class HealthHandler implements PassThrough, Lifecycle {
  private final HealthOptions options;
  private final Duration selfCheckPeriod;
  private volatile SharedHttpServer.Lease lease;

  HealthHandler(HealthOptions options, Duration selfCheckPeriod) {
    this.options = options;
    this.selfCheckPeriod = selfCheckPeriod;
  }

  HealthOptions options() {
    return options;
  }

  @Override
  public void start() throws IOException {
    SharedHttpServer.Lease opened = SharedHttpServer.open(options.address());
    opened.attach("health", HealthEndpoint.class, server -> new HealthEndpoint(server, selfCheckPeriod));
    lease = opened;
  }

  /** Where {@code /health} is served, once started (the real port when 0 was asked for). */
  InetSocketAddress address() {
    return lease.address();
  }

  @Override
  public Duration lameduck() {
    return options.lameduck();
  }

  @Override
  public void close() {
    SharedHttpServer.Lease held = lease;
    if (held != null) {
      held.close();
    }
  }
}
