package io.clusterdns.plugin.cluster.source;

import java.nio.file.Path;

/** A manifest file that cannot be read or parsed; the message names the file and line. */
final class ManifestException extends Exception {
  ManifestException(Path file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
  }
}
