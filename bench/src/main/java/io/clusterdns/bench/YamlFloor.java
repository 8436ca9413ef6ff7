package io.clusterdns.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;

/**
 * The floor under loading a cluster from YAML: snakeyaml-engine parses the same files to events
 * (the step every YAML reader of it takes) and nothing more, one file after the other on one
 * thread. Prints one JSON line: files, bytes, events and the parse time in milliseconds.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.clusterdns.bench.YamlFloor DIR_OR_FILE...</pre>
 */
public final class YamlFloor {
  private YamlFloor() {}

  public static void main(String[] args) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      Path path = Path.of(arg);
      if (Files.isDirectory(path)) {
        try (Stream<Path> children = Files.list(path)) {
          children.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
      } else {
        files.add(path);
      }
    }
    long bytes = 0;
    long events = 0;
    long start = System.nanoTime();
    for (Path file : files) {
      bytes += Files.size(file);
      try (Reader reader = Files.newBufferedReader(file)) {
        for (Event ignored : new Parse(LoadSettings.builder().build()).parseReader(reader)) {
          events++;
        }
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("{\"files\": %d, \"bytes\": %d, \"events\": %d, \"parse_ms\": %d}%n",
        files.size(), bytes, events, millis);
  }
}
