package io.clusterdns.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Parses a Corefile in CoreDNS's (Caddy v1) syntax into server blocks and directives. It checks
 * syntax, keys, imports and snippets; whether a directive name is known and its arguments make
 * sense is for the plugins to decide.
 */
public final class CorefileParser {
  private CorefileParser() {}

  /**
   * Parses Corefile text.
   *
   * @param text the Corefile
   * @param fileName the name used in locations and error messages
   * @param baseDirectory where relative imports of this text resolve
   * @param environment looks up {@code {$NAME}} references; returns null for unset variables
   */
  public static Corefile parse(
      String text, String fileName, Path baseDirectory, Function<String, String> environment)
      throws CorefileException {
    return parse(text, fileName, baseDirectory, environment, ImportChain.ROOT, new SourceDigest());
  }

  /** Reads and parses a Corefile; its imports resolve against its directory. */
  public static Corefile parseFile(Path file) throws CorefileException {
    return parseFile(file, new SourceDigest());
  }

  /**
   * Reads and parses a Corefile, adding what it reads (the file, its imports) to {@code digest},
   * also when the parse fails.
   */
  public static Corefile parseFile(Path file, SourceDigest digest) throws CorefileException {
    return parseFile(file, file.toAbsolutePath().normalize().getParent(), System::getenv, digest);
  }

  /**
   * Reads and parses a Corefile as {@link #parseFile(Path, SourceDigest)} does, with its own
   * environment: an embedder's {@code {$NAME}} values must reach the file as they reach text.
   *
   * @param baseDirectory where relative imports of the file resolve
   * @param environment looks up {@code {$NAME}} references; returns null for unset variables
   */
  public static Corefile parseFile(
      Path file, Path baseDirectory, Function<String, String> environment, SourceDigest digest)
      throws CorefileException {
    String text;
    try {
      text = digest.read(file);
    } catch (IOException e) {
      throw new CorefileException(
          new Location(file.toString(), 1, 1),
          "cannot read Corefile " + file + ": " + ImportedFiles.describe(e)
              + "; expected a readable UTF-8 file");
    }
    Path absolute = file.toAbsolutePath().normalize();
    ImportChain root = ImportChain.rootFile(ImportedFiles.identity(absolute), "file " + file);
    return parse(text, file.toString(), baseDirectory, environment, root, digest);
  }

  private static Corefile parse(
      String text,
      String fileName,
      Path baseDirectory,
      Function<String, String> environment,
      ImportChain chain,
      SourceDigest digest)
      throws CorefileException {
    Origin origin = new Origin(baseDirectory.toAbsolutePath().normalize(), chain);
    EnvironmentSubstitution substitution = new EnvironmentSubstitution(environment);
    WordStream stream = new WordStream(Lexer.lex(text, fileName, origin));
    List<ServerBlock> blocks =
        new ServerBlockParser(stream, new Imports(substitution, digest), substitution).parse();
    if (blocks.isEmpty()) {
      throw new CorefileException(
          new Location(fileName, 1, 1),
          "no server blocks: expected at least one server block such as '.:53 { ... }'");
    }
    return new Corefile(blocks);
  }
}
