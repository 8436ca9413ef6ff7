package io.clusterdns.plugin.hosts;

import io.clusterdns.plugin.Fallthrough;
import static io.clusterdns.plugin.testkit.Queries.answers;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class HostsReloadTest {
  @TempDir Path dir;

  @Test
  void startReadsTheFileAndInlineEntriesAreServedBesideIt() throws Exception {
    Path file = write("10.0.0.1 example.org\n", 1);
    HostsHandler handler = handler(file, Duration.ZERO, List.of("10.0.0.9 example.org inline.example.org"));

    handler.start();

    assertEquals(List.of("example.org. 60 IN A 10.0.0.1", "example.org. 60 IN A 10.0.0.9"), lookup(handler, "example.org."));
    assertEquals(List.of("inline.example.org. 60 IN A 10.0.0.9"), lookup(handler, "inline.example.org."));
  }

  @Test
  void changedFileIsReadAgainAndAnUnchangedOneIsNot() throws Exception {
    Path file = write("10.0.0.1 example.org\n", 1);
    HostsHandler handler = handler(file, Duration.ZERO, List.of());
    handler.start();

    write("10.0.0.2 example.org\n", 1);
    handler.refresh();
    assertEquals(List.of("example.org. 60 IN A 10.0.0.1"), lookup(handler, "example.org."), "same mtime and size");

    write("10.0.0.2 example.org\n", 2);
    handler.refresh();
    assertEquals(List.of("example.org. 60 IN A 10.0.0.2"), lookup(handler, "example.org."));
  }

  @Test
  void generationGrowsOnlyWhenAReloadSwapsTheTable() throws Exception {
    Path file = write("10.0.0.1 example.org\n", 1);
    HostsHandler handler = handler(file, Duration.ZERO, List.of());
    handler.start();
    long first = handler.generation();

    handler.refresh();
    assertEquals(first, handler.generation(), "unchanged file");

    write("10.0.0.2 example.org\n", 2);
    handler.refresh();
    assertTrue(handler.generation() > first);
  }

  @Test
  void unreadableFileKeepsTheLastGoodEntries() throws Exception {
    Path file = write("10.0.0.1 example.org\n", 1);
    HostsHandler handler = handler(file, Duration.ZERO, List.of());
    handler.start();

    Files.delete(file);
    handler.refresh();
    assertEquals(List.of("example.org. 60 IN A 10.0.0.1"), lookup(handler, "example.org."));

    write("10.0.0.3 example.org\n", 3);
    handler.refresh();
    assertEquals(List.of("example.org. 60 IN A 10.0.0.3"), lookup(handler, "example.org."));
  }

  @Test
  void missingFileAtStartServesInlineEntriesOnly() throws Exception {
    HostsHandler handler = handler(dir.resolve("absent"), Duration.ZERO, List.of("10.0.0.9 example.org"));

    handler.start();

    assertEquals(List.of("example.org. 60 IN A 10.0.0.9"), lookup(handler, "example.org."));
  }

  @Test
  void startSchedulesTheReloadAtTheConfiguredIntervalAndCloseStopsIt() throws Exception {
    Path file = write("10.0.0.1 example.org\n", 1);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    HostsOptions options = options(file, Duration.ofMillis(20), List.of());
    HostsHandler handler = new HostsHandler(options, () -> scheduler);
    handler.start();
    try {
      write("10.0.0.5 example.org\n", 5);
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
          .until(() -> lookup(handler, "example.org.").equals(List.of("example.org. 60 IN A 10.0.0.5")));
    } finally {
      handler.close();
    }
    assertEquals(true, scheduler.isShutdown());
  }

  private Path write(String content, int minute) throws Exception {
    Path file = dir.resolve("hosts");
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute)));
    return file;
  }

  private static HostsHandler handler(Path file, Duration reload, List<String> inline) {
    return new HostsHandler(options(file, reload, inline), () -> {
      throw new AssertionError("no reload task in this test");
    });
  }

  private static HostsOptions options(Path file, Duration reload, List<String> inline) {
    return new HostsOptions(file, List.of(Name.root), 60, true, reload, Fallthrough.NEVER, inline);
  }

  private static List<String> lookup(HostsHandler handler, String name) throws Exception {
    return answers(handler.serve(Queries.request(name, Type.A), RecordingChain.answering()));
  }
}
