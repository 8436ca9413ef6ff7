package io.clusterdns.server;

import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * {@code upstream}: a test-only forwarder, placed where {@code forward} runs (after loop), that
 * sends every query to the address the test sets: another server, or this one, which makes a
 * forwarding loop. Over TCP each hop of a loop takes a worker of the pool; over UDP a hop may wait
 * behind the one its server's single worker is busy with, until that one times out.
 */
public final class UpstreamSetup implements PluginSetup {
  /** How long a UDP query waits for its reply, as a forwarder's timeout. */
  private static final int UDP_TIMEOUT_MILLIS = 300;

  private final boolean tcp;
  private final AtomicReference<InetSocketAddress> upstream = new AtomicReference<>();
  private final AtomicInteger probes = new AtomicInteger();

  private UpstreamSetup(boolean tcp) {
    this.tcp = tcp;
  }

  public static UpstreamSetup overTcp() {
    return new UpstreamSetup(true);
  }

  public static UpstreamSetup overUdp() {
    return new UpstreamSetup(false);
  }

  @Override
  public String name() {
    return "upstream";
  }

  /** The plugins on the class path and this one, right before forward. */
  public PluginRegistry registry() {
    return PluginRegistry.withExtra(Map.of(this, "forward"));
  }

  public void sendTo(InetSocketAddress address) {
    upstream.set(address);
  }

  /** How many loop probes (HINFO for a name starting with a number) it sent upstream. */
  public int probesSent() {
    return probes.get();
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) {
    return (request, next) -> {
      InetSocketAddress address = upstream.get();
      if (address == null) {
        throw new IOException("no upstream set yet");
      }
      if (request.qtype() == Type.HINFO && request.qname().getLabelString(0).matches("[0-9]+")) {
        probes.incrementAndGet();
      }
      if (tcp) {
        return DnsProbe.tcp(address, request.query());
      }
      byte[] reply = DnsProbe.udp(address, request.query().toWire(), UDP_TIMEOUT_MILLIS);
      if (reply == null) {
        throw new IOException("upstream " + address + " timed out");
      }
      return new Message(reply);
    };
  }
}
