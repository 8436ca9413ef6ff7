package io.clusterdns.server;

import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SetupContext;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** Plugins that server tests add to the built-in ones, and a server that has one. */
final class TestPlugins {
  private TestPlugins() {}

  /** A server of {@code corefile} whose plugins also have {@code plugin}, ordered after whoami. */
  static ClusterDns start(PluginSetup plugin, String corefile) throws Exception {
    return ClusterDns.builder()
        .plugins(PluginRegistry.withExtra(Map.of(plugin, "whoami")))
        .corefile(corefile)
        .start();
  }

  /**
   * {@code probe}: a deterministic plugin that answers every query itself with the rcode, A
   * records (TTL 5 s, the asked name as owner, in order; none unless NOERROR) and generation the
   * test sets, and notes each name it is asked.
   */
  static final class Probe implements PluginSetup, Handler, Deterministic {
    final List<String> asked = new CopyOnWriteArrayList<>();
    volatile List<String> addresses;
    volatile int rcode = Rcode.NOERROR;
    volatile long generation;

    Probe(String... addresses) {
      this.addresses = List.of(addresses);
    }

    @Override
    public String name() {
      return "probe";
    }

    @Override
    public Handler setup(Directive directive, SetupContext context) {
      return this;
    }

    @Override
    public Message serve(Request request, Chain next) throws Exception {
      asked.add(request.qname().toString());
      Message reply = Replies.authoritative(request);
      reply.getHeader().setRcode(rcode);
      if (rcode == Rcode.NOERROR) {
        for (String address : addresses) {
          reply.addRecord(
              new ARecord(request.qname(), DClass.IN, 5, InetAddress.getByName(address)), Section.ANSWER);
        }
      }
      return reply;
    }

    @Override
    public long generation() {
      return generation;
    }
  }

  /** {@code exploding}: throws for names starting with "boom", passes everything else on. */
  static final PluginSetup EXPLODING =
      plugin(
          "exploding",
          (request, next) -> {
            if (request.qname().getLabelString(0).startsWith("boom")) {
              throw new IllegalStateException("exploded on purpose");
            }
            return next.next(request);
          });

  /** A plugin called {@code name} whose every setup gives {@code handler}. */
  static PluginSetup plugin(String name, Handler handler) {
    return new PluginSetup() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Handler setup(Directive directive, SetupContext context) {
        return handler;
      }
    };
  }
}
