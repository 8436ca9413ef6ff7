package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.Prepared;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SetupContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;

/**
 * When the server prepares plugins ({@link PluginSetup#prepare}): every directive of every block
 * before any plugin is set up, never when a Corefile is only validated; the setup takes the
 * prepared work over, and the server closes what no setup took.
 */
class PrepareLifecycleTest {
  /**
   * {@code stage NAME}: records each step; its setup takes over what was prepared unless NAME is
   * {@code unclaimed}; {@code stage broken} fails to prepare.
   */
  private static final class StageSetup implements PluginSetup {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "stage";
    }

    @Override
    public Prepared prepare(Directive directive, SetupContext context) {
      String name = directive.args().get(0).text();
      if (name.equals("broken")) {
        throw new IllegalStateException("cannot prepare " + name);
      }
      events.add("prepare " + name);
      return () -> events.add("close prepared " + name);
    }

    @Override
    public Handler setup(Directive directive, SetupContext context) {
      String name = directive.args().get(0).text();
      Prepared work = name.equals("unclaimed") ? null : context.prepared(directive).orElse(null);
      events.add("setup " + name + (work == null ? "" : " with its prepared work"));
      return new Stage(name, work);
    }

    private final class Stage implements Handler, Lifecycle {
      private final String name;
      private final Prepared work;

      Stage(String name, Prepared work) {
        this.name = name;
        this.work = work;
      }

      @Override
      public Message serve(Request request, Chain next) throws Exception {
        return next.next(request);
      }

      @Override
      public void close() {
        events.add("close " + name);
        if (work != null) {
          work.close();
        }
      }
    }
  }

  private static ClusterDns.Builder builder(StageSetup stage, String corefile) {
    return ClusterDns.builder().plugins(PluginRegistry.withExtra(Map.of(stage, "whoami"))).corefile(corefile);
  }

  @Test
  void everyDirectiveIsPreparedBeforeAnyPluginIsSetUpAndItsSetupTakesTheWorkOver() throws Exception {
    StageSetup stage = new StageSetup();
    try (ClusterDns dns = builder(stage, "a.example {\n stage one\n whoami\n}\nb.example {\n stage two\n whoami\n}\n")
        .start()) {
      assertEquals(List.of("prepare one", "prepare two", "setup one with its prepared work",
          "setup two with its prepared work"), stage.events);
    }
    assertEquals(List.of("close two", "close prepared two", "close one", "close prepared one"),
        stage.events.subList(4, stage.events.size()));
  }

  @Test
  void aValidatedCorefilePreparesNothing() throws Exception {
    StageSetup stage = new StageSetup();
    builder(stage, "a.example {\n stage one\n whoami\n}\n").validate();
    assertEquals(List.of("setup one"), stage.events);
  }

  @Test
  void workThatNoSetupTookOverIsClosedOnceThePluginsAreSetUp() throws Exception {
    StageSetup stage = new StageSetup();
    try (ClusterDns dns = builder(stage, "a.example {\n stage unclaimed\n whoami\n}\n").start()) {
      assertEquals(List.of("prepare unclaimed", "setup unclaimed", "close prepared unclaimed"), stage.events);
    }
  }

  @Test
  void aDirectiveThatCannotBeSetUpHasItsPreparedWorkClosed() {
    StageSetup stage = new StageSetup();
    CorefileProblems problems = assertThrows(CorefileProblems.class,
        () -> builder(stage, "a.example {\n stage one\n stage two\n whoami\n}\n").start());
    assertEquals("Corefile:3:2: plugin stage can only be used once per server block", problems.getMessage());
    assertEquals(List.of("prepare one", "prepare two", "setup one with its prepared work", "close prepared two",
        "close one", "close prepared one"), stage.events);
  }

  @Test
  void aPrepareThatFailsIsReportedAtItsDirective() {
    StageSetup stage = new StageSetup();
    CorefileProblems problems = assertThrows(CorefileProblems.class,
        () -> builder(stage, "a.example {\n stage broken\n whoami\n}\n").start());
    assertEquals("Corefile:2:2: plugin stage failed to prepare: java.lang.IllegalStateException: cannot prepare broken",
        problems.getMessage());
    assertEquals(List.of("setup broken", "close broken"), stage.events);
  }
}
