package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SetupContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * When the server begins, starts and closes plugins ({@link Lifecycle#begin}): each handler is
 * begun right after its own setup, before the next plugin is set up; never when a Corefile is
 * only validated; and a begun handler is closed when the configuration does not get to run.
 */
class BeginLifecycleTest {
  /** {@code stage NAME}: records each step of its handler; {@code stage broken} fails to start. */
  private static final class StageSetup implements PluginSetup {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "stage";
    }

    @Override
    public Handler setup(Directive directive, SetupContext context) {
      String name = directive.args().get(0).text();
      events.add("setup " + name);
      return new Stage(name);
    }

    private final class Stage implements Handler, Lifecycle {
      private final String name;

      Stage(String name) {
        this.name = name;
      }

      @Override
      public Message serve(Request request, Chain next) throws Exception {
        return next.next(request);
      }

      @Override
      public void begin() {
        events.add("begin " + name);
      }

      @Override
      public void start() {
        if (name.equals("broken")) {
          throw new IllegalStateException("cannot start " + name);
        }
        events.add("start " + name);
      }

      @Override
      public void close() {
        events.add("close " + name);
      }
    }
  }

  private static ClusterDns.Builder builder(StageSetup stage, String corefile) {
    return ClusterDns.builder().plugins(PluginRegistry.withExtra(Map.of(stage, "whoami"))).corefile(corefile);
  }

  @Test
  void eachHandlerIsBegunRightAfterItsSetupAndStartedOnceAllAreSetUp() throws Exception {
    StageSetup stage = new StageSetup();
    try (ClusterDns dns = builder(stage, "a.example {\n stage one\n whoami\n}\nb.example {\n stage two\n whoami\n}\n")
        .start()) {
      assertEquals(List.of("setup one", "begin one", "setup two", "begin two", "start one", "start two"), stage.events);
      assertEquals(Rcode.NOERROR,
          DnsProbe.udp(dns.udpAddress(), DnsProbe.query("x.b.example.", Type.A)).getRcode());
    }
    assertEquals(List.of("close two", "close one"), stage.events.subList(6, stage.events.size()));
  }

  @Test
  void aValidatedCorefileBeginsNothing() throws Exception {
    StageSetup stage = new StageSetup();
    builder(stage, "a.example {\n stage one\n whoami\n}\nb.example {\n stage two\n whoami\n}\n").validate();
    assertEquals(List.of("setup one", "setup two"), stage.events);
  }

  @Test
  void aCorefileProblemAfterABegunHandlerClosesItAndReportsAsBefore() {
    StageSetup stage = new StageSetup();
    CorefileProblems problems = assertThrows(CorefileProblems.class,
        () -> builder(stage, "a.example {\n stage one\n whoami\n}\nb.example {\n stage two\n nosuchplugin\n}\n").start());
    assertEquals(1, problems.problems().size());
    assertTrue(problems.getMessage().startsWith("Corefile:7:2: unknown directive 'nosuchplugin'"), problems.getMessage());
    assertEquals(List.of("setup one", "begin one", "setup two", "begin two", "close two", "close one"), stage.events);
  }

  @Test
  void aPluginThatFailsToStartClosesEveryBegunHandlerAlsoThoseNeverStarted() {
    StageSetup stage = new StageSetup();
    IllegalStateException failed = assertThrows(IllegalStateException.class,
        () -> builder(stage, "a.example {\n stage broken\n whoami\n}\nb.example {\n stage two\n whoami\n}\n").start());
    assertEquals("cannot start broken", failed.getMessage());
    assertEquals(List.of("setup broken", "begin broken", "setup two", "begin two", "close two", "close broken"),
        stage.events);
  }
}
