package io.clusterdns.server;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.CorefileParser;
import io.clusterdns.config.SourceDigest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the builder's Corefile comes from (text, a file, or parsed already), where its relative
 * paths resolve, and how it is parsed. Used by one builder thread.
 */
final class CorefileSource {
  private Corefile parsed;
  private String text;
  private Path file;
  /** Set by {@link #baseDirectory(Path)}; else the Corefile file's directory, else the working one. */
  private Path baseDirectory;
  private Function<String, String> environment = System::getenv;

  void text(String text) {
    Objects.requireNonNull(text);
    requireNone("text");
    this.text = text;
  }

  void file(Path file) {
    Objects.requireNonNull(file);
    requireNone("file " + file);
    this.file = file;
  }

  void parsed(Corefile parsed) {
    Objects.requireNonNull(parsed);
    requireNone("a parsed Corefile");
    this.parsed = parsed;
  }

  void baseDirectory(Path directory) {
    this.baseDirectory = directory.toAbsolutePath().normalize();
  }

  void environment(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment);
  }

  Function<String, String> environment() {
    return environment;
  }

  /** The Corefile file, which a reload re-reads; null when given as text or parsed. */
  Path file() {
    return file;
  }

  Path baseDirectory() {
    if (baseDirectory != null) {
      return baseDirectory;
    }
    return file != null ? file.toAbsolutePath().normalize().getParent() : Path.of("").toAbsolutePath();
  }

  /** Parses the Corefile; a file's bytes and its imports' go into {@code digest}. */
  Corefile parse(SourceDigest digest) throws CorefileException {
    if (parsed != null) {
      return parsed;
    }
    if (file != null) {
      return CorefileParser.parseFile(file, baseDirectory(), environment, digest);
    }
    if (text == null) {
      throw new IllegalStateException("no Corefile given: call corefile(…) first");
    }
    return CorefileParser.parse(text, "Corefile", baseDirectory(), environment);
  }

  /** One Corefile source only: a second one would silently replace the first. */
  private void requireNone(String next) {
    String given = text != null ? "text"
        : file != null ? "file " + file
        : parsed != null ? "a parsed Corefile"
        : null;
    if (given != null) {
      throw new IllegalStateException(
          "the Corefile was already given as " + given + ", it cannot also be " + next
              + ": call corefile(…) once");
    }
  }
}
