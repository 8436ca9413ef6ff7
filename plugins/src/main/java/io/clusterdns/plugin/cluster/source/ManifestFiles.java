package io.clusterdns.plugin.cluster.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files a list of manifest paths stands for. A file is taken whatever its name; a directory
 * contributes its own {@code .yaml}, {@code .yml} and {@code .json} files, not those of its
 * sub-directories (like {@code kubectl apply -f DIR} without {@code -R}), and no hidden files
 * (editor back-ups and locks).
 */
final class ManifestFiles {
  private ManifestFiles() {}

  /** The existing manifest files, in path order within each directory. */
  static List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> children = Files.list(path)) {
          children.filter(ManifestFiles::isManifest).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      }
    }
    return files;
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return !name.startsWith(".")
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
        && Files.isRegularFile(file);
  }
}
