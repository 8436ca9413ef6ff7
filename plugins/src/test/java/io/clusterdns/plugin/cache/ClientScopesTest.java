package io.clusterdns.plugin.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.ClientScoped;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A plugin of the block whose replies depend on who asks: the cache files them under the
 * client's scope, so one group's reply is a hit for that group only, and replies the plugin
 * scopes to nobody stay shared.
 */
class ClientScopesTest {
  private static final InetSocketAddress GROUP_A = new InetSocketAddress("10.244.0.5", 40000);
  private static final InetSocketAddress GROUP_A_TOO = new InetSocketAddress("10.244.0.6", 40000);
  private static final InetSocketAddress GROUP_B = new InetSocketAddress("10.244.1.5", 40000);

  /** Answers with the client's third octet as the address, scoped by it for names under scoped. */
  private static final class ByClient implements Handler, ClientScoped, Chain {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Object clientScope(Request request) {
      return request.qname().toString().endsWith("scoped.") ? request.remote().getAddress().getAddress()[2] : null;
    }

    @Override
    public Message next(Request request) throws Exception {
      calls.incrementAndGet();
      Message reply = Replies.authoritative(request);
      byte group = request.remote().getAddress().getAddress()[2];
      reply.addRecord(new ARecord(request.qname(), DClass.IN, 60, InetAddress.getByName("192.0.2." + group)),
          Section.ANSWER);
      return reply;
    }

    @Override
    public Message serve(Request request, Chain next) throws Exception {
      return next(request);
    }
  }

  private final CacheFixture fixture = new CacheFixture();
  private final ByClient plugin = new ByClient();
  private final CacheHandler cache = fixture.handler(
      "cache 30", new FakeSetupContext(".").withPlugins(Map.<String, Handler>of("autopath", plugin)),
      Runnable::run);

  private String ask(InetSocketAddress client, String name) throws Exception {
    Message reply = cache.serve(Queries.request(name, Type.A, client, Transport.UDP), plugin);
    return reply.getSection(Section.ANSWER).get(0).rdataToString();
  }

  @Test
  void aScopedReplyIsAHitOnlyForItsScope() throws Exception {
    assertEquals("192.0.2.0", ask(GROUP_A, "name.scoped."));
    assertEquals("192.0.2.1", ask(GROUP_B, "name.scoped."));
    assertEquals("192.0.2.0", ask(GROUP_A_TOO, "name.scoped."));
    assertEquals(2, plugin.calls.get(), "the third answer was group A's cached one");
  }

  @Test
  void anUnscopedReplyIsSharedByEveryClient() throws Exception {
    assertEquals("192.0.2.0", ask(GROUP_A, "name.shared."));
    assertEquals("192.0.2.0", ask(GROUP_B, "name.shared."));
    assertEquals(1, plugin.calls.get());
  }
}
