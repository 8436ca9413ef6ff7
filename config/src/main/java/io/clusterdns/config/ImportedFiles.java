package io.clusterdns.config;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the files an {@code import} names: one file, or every regular file a glob in the last
 * path element matches. Relative paths resolve against the directory of the importing file.
 */
final class ImportedFiles {
  private static final String GLOB_CHARACTERS = "*?[]{}";

  private ImportedFiles() {}

  static List<Word> words(String name, Word argument, SourceDigest digest)
      throws CorefileException {
    Path pattern;
    try {
      pattern = argument.origin().directory().resolve(name).normalize();
    } catch (InvalidPathException e) {
      throw new CorefileException(
          argument.location(),
          "import '" + name + "': no snippet of that name is defined above this line and it is"
              + " not a valid file name (" + e.getReason() + ")");
    }
    if (isGlob(name)) {
      return globWords(pattern, name, argument, digest);
    }
    if (!Files.isRegularFile(pattern)) {
      // Recorded as missing, so that creating the file changes the digest.
      digest.file(pattern.toString(), null);
    }
    if (!Files.exists(pattern)) {
      throw new CorefileException(
          argument.location(),
          "import '" + name + "': no snippet of that name is defined above this line and there"
              + " is no file " + pattern + "; expected a snippet defined before its use, or an"
              + " existing file");
    }
    if (Files.isDirectory(pattern)) {
      throw new CorefileException(
          argument.location(),
          "import '" + name + "': " + pattern + " is a directory; expected a file, or a glob"
              + " such as " + name + "/*");
    }
    if (!Files.isRegularFile(pattern)) {
      throw new CorefileException(
          argument.location(),
          "import '" + name + "': " + pattern + " is not a regular file; expected a file");
    }
    return lexFile(pattern, argument, digest);
  }

  private static List<Word> globWords(
      Path pattern, String name, Word argument, SourceDigest digest) throws CorefileException {
    Path directory = pattern.getParent();
    int lastSeparator = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    if (directory == null || (lastSeparator >= 0 && isGlob(name.substring(0, lastSeparator)))) {
      throw new CorefileException(
          argument.location(),
          "import '" + name + "': wildcards are only allowed in the file name; expected a"
              + " pattern such as conf.d/*.conf");
    }
    List<Path> matches = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      FileNameGlob glob;
      try {
        glob = FileNameGlob.compile(pattern.getFileName().toString());
      } catch (IllegalArgumentException e) {
        throw new CorefileException(
            argument.location(),
            "import '" + name + "': bad glob pattern (" + e.getMessage() + "); expected a"
                + " pattern such as conf.d/*.conf");
      }
      try (Stream<Path> listing = Files.list(directory)) {
        listing
            .filter(path ->
                glob.matches(path.getFileName().toString()) && Files.isRegularFile(path))
            .sorted()
            .forEach(matches::add);
      } catch (IOException e) {
        throw new CorefileException(
            argument.location(),
            "import '" + name + "': cannot list " + directory + ": " + e.getMessage());
      }
    }
    digest.glob(pattern.toString(), matches.stream().map(Path::toString).toList());
    if (matches.isEmpty()) {
      // Looked up here rather than held in a static field: finding the logging backend set up
      // java.util.logging on every start that reads a Corefile file, for a warning seldom given.
      System.getLogger(CorefileParser.class.getName()).log(
          Level.WARNING,
          "{0}: no files match import pattern {1}; importing nothing",
          argument.location(),
          name);
    }
    List<Word> words = new ArrayList<>();
    for (Path match : matches) {
      words.addAll(lexFile(match, argument, digest));
    }
    return words;
  }

  private static List<Word> lexFile(Path file, Word argument, SourceDigest digest)
      throws CorefileException {
    ImportChain chain =
        argument.origin().chain().then(identity(file), "file " + file, argument.location());
    String text;
    try {
      text = digest.read(file);
    } catch (IOException e) {
      throw new CorefileException(
          argument.location(),
          "cannot read imported file " + file + ": " + describe(e)
              + "; expected a readable UTF-8 file");
    }
    Path parent = file.getParent();
    List<Word> words = Lexer.lex(text, file.toString(), new Origin(parent, chain));
    requireBalancedBraces(words, file);
    return words;
  }

  /**
   * Caddy splices imported tokens blindly, so a stray brace in an imported file would silently
   * close or open a block of the importer; here each imported file must balance its own braces.
   */
  private static void requireBalancedBraces(List<Word> words, Path file)
      throws CorefileException {
    Deque<Word> open = new ArrayDeque<>();
    for (Word word : words) {
      if (word.isOpenBrace()) {
        open.push(word);
      } else if (word.isCloseBrace()) {
        if (open.isEmpty()) {
          throw new CorefileException(
              word.location(),
              "unexpected '}': it closes no '{' opened in the imported file " + file
                  + "; expected each imported file to close only the blocks it opens");
        }
        open.pop();
      }
    }
    if (!open.isEmpty()) {
      Word unclosed = open.peek();
      throw new CorefileException(
          unclosed.location(),
          "missing '}': the '{' opened on line " + unclosed.location().line()
              + " is never closed; expected '}' before the end of the imported file " + file);
    }
  }

  static String identity(Path file) {
    try {
      return file.toRealPath().toString();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize().toString();
    }
  }

  static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  private static boolean isGlob(String text) {
    return text.chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0);
  }
}
