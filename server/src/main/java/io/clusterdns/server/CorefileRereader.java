package io.clusterdns.server;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.CorefileParser;
import io.clusterdns.config.SourceDigest;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Re-reads the Corefile for a reload and tells whether it changed. Not thread-safe: the runtime
 * calls it under its reload lock.
 */
final class CorefileRereader {
  /** One re-read: the Corefile (null if it did not parse), its digest, and whether to skip it. */
  record Reread(Corefile corefile, SourceDigest digest, String hex, boolean unchanged,
      List<CorefileException> problems) {}

  private final Path corefile;
  private final Path baseDirectory;
  private final Function<String, String> environment;
  /**
   * The digest of the Corefile re-read last, applied or not: a failed one is reported once.
   * Null until the first reload, which compares with the running configuration's digest too.
   */
  private String lastDigest;

  CorefileRereader(Path corefile, Path baseDirectory, Function<String, String> environment) {
    this.corefile = corefile;
    this.baseDirectory = baseDirectory;
    this.environment = environment;
  }

  /** Re-reads the Corefile; {@code runningHex} is the digest of the configuration in use. */
  Reread reread(String runningHex) {
    SourceDigest digest = new SourceDigest();
    Corefile parsed = null;
    List<CorefileException> problems = List.of();
    try {
      parsed = CorefileParser.parseFile(corefile, baseDirectory, environment, digest);
    } catch (CorefileException e) {
      problems = List.of(e);
    }
    String hex = digest.hex();
    boolean seen = hex.equals(lastDigest);
    lastDigest = hex;
    // A Corefile put back as it runs, after a broken edit, needs no reload either.
    boolean unchanged = seen || hex.equals(runningHex);
    return new Reread(parsed, digest, hex, unchanged, problems);
  }
}
