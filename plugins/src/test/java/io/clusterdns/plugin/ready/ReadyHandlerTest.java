package io.clusterdns.plugin.ready;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Readiness;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.HttpProbe;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import io.clusterdns.plugin.testkit.WireChain;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class ReadyHandlerTest {
  /** A plugin whose readiness the test sets. */
  private static final class Switch implements Handler, Readiness {
    volatile boolean ready;

    @Override
    public org.xbill.DNS.Message serve(io.clusterdns.plugin.Request request, io.clusterdns.plugin.Chain next) {
      return Replies.reply(request);
    }

    @Override
    public boolean isReady() {
      return ready;
    }
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  private static HttpProbe.Answer get(ReadyHandler ready) throws Exception {
    return HttpProbe.get(ready.address(), "/ready");
  }

  @Test
  void namesThePluginsNotReadySortedUntilAllAre() throws Exception {
    Switch kubernetes = new Switch();
    Switch alpha = new Switch();
    Map<String, Handler> block = new LinkedHashMap<>();
    block.put("kubernetes", kubernetes);
    block.put("alpha", alpha);
    block.put("whoami", (request, next) -> Replies.reply(request));
    ReadyHandler ready = new ReadyHandler(new ReadyOptions(loopback(0), false),
        new FakeSetupContext(".").withPlugins(block));
    ready.start();
    try {
      assertEquals("503 alpha,kubernetes", get(ready).toString());
      alpha.ready = true;
      assertEquals("503 kubernetes", get(ready).toString());
      kubernetes.ready = true;
      assertEquals("200 OK", get(ready).toString());
      // until-ready: a plugin that was ready once is not asked again.
      kubernetes.ready = false;
      assertEquals("200 OK", get(ready).toString());
      ready.stopping();
      assertEquals("503 Shutting down", get(ready).toString());
    } finally {
      ready.close();
    }
    assertNull(HttpProbe.getOrNull(ready.address(), "/ready"));
  }

  @Test
  void monitorContinuouslyAsksEveryTime() throws Exception {
    Switch kubernetes = new Switch();
    kubernetes.ready = true;
    ReadyHandler ready = new ReadyHandler(new ReadyOptions(loopback(0), true),
        new FakeSetupContext(".").withPlugins(Map.of("kubernetes", kubernetes)));
    ready.start();
    try {
      assertEquals("200 OK", get(ready).toString());
      kubernetes.ready = false;
      assertEquals("503 kubernetes", get(ready).toString());
    } finally {
      ready.close();
    }
  }

  @Test
  void aBlockWithoutReadinessPluginsIsReadyAndQueriesPassOn() throws Exception {
    ReadyHandler ready = new ReadyHandler(new ReadyOptions(loopback(0), false), new FakeSetupContext("."));
    RecordingChain next = RecordingChain.answering();
    assertEquals(RecordingChain.NEXT_RCODE, ready.serve(Queries.request("a.example.", Type.A), next).getRcode());
    ready.start();
    try {
      assertEquals("200 OK", get(ready).toString());
    } finally {
      ready.close();
    }
  }

  @Test
  void blocksOnOneAddressReportTheUnionAndHandTheListenerOver() throws Exception {
    int port = HttpProbe.freePort();
    Switch oldKubernetes = new Switch();
    oldKubernetes.ready = true;
    Switch hosts = new Switch();
    ReadyHandler oldBlock = new ReadyHandler(new ReadyOptions(loopback(port), true),
        new FakeSetupContext(".").withPlugins(Map.of("kubernetes", oldKubernetes)));
    ReadyHandler otherBlock = new ReadyHandler(new ReadyOptions(loopback(port), true),
        new FakeSetupContext("example.org.").withPlugins(Map.of("hosts", hosts)));
    oldBlock.start();
    otherBlock.start();
    try {
      assertEquals("503 hosts", get(oldBlock).toString());
      hosts.ready = true;
      assertEquals("200 OK", get(oldBlock).toString());

      // A reload: the new configuration starts, then the old one closes; /ready stays up and
      // reports the new configuration's plugins.
      Switch newKubernetes = new Switch();
      ReadyHandler newBlock = new ReadyHandler(new ReadyOptions(loopback(port), true),
          new FakeSetupContext(".").withPlugins(Map.of("kubernetes", newKubernetes)));
      newBlock.start();
      try {
        oldBlock.close();
        assertEquals("503 kubernetes", get(newBlock).toString());
        newKubernetes.ready = true;
        assertEquals("200 OK", get(newBlock).toString());
      } finally {
        newBlock.close();
      }
      assertEquals("200 OK", get(otherBlock).toString());
    } finally {
      oldBlock.close();
      otherBlock.close();
    }
    assertNull(HttpProbe.getOrNull(loopback(port), "/ready"));
  }

  @Test
  void aWireReplyIsPassedOnAsItIs() throws Exception {
    byte[] hit = {1, 2, 3};
    WireChain next = WireChain.of(hit);
    ReadyHandler handler = new ReadyHandler(new ReadyOptions(loopback(0), false), new FakeSetupContext("."));
    Request request = Queries.request("a.example.org.", Type.A);
    assertSame(hit, handler.serveWire(request, next, 512));
    assertNull(handler.serveWire(request, WireChain.of(null), 512));
    assertEquals(1, next.asked());
  }
}
