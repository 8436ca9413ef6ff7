package io.clusterdns.config;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Expands {@code import NAME} lines: a snippet defined above the line, else a file, else every
 * file matching a glob in the file name. Relative paths resolve against the directory of the file
 * that holds the {@code import} line.
 */
final class Imports {
  private static final System.Logger LOG = System.getLogger(CorefileParser.class.getName());
  private static final int MAX_EXPANSIONS = 10_000;
  private static final String GLOB_CHARACTERS = "*?[]{}";

  private final Map<String, Snippet> snippets = new HashMap<>();
  private final EnvironmentSubstitution environment;
  private int expansions;

  Imports(EnvironmentSubstitution environment) {
    this.environment = environment;
  }

  void define(Word nameWord, String name, List<Word> body) throws CorefileException {
    Snippet earlier = snippets.get(name);
    if (earlier != null) {
      throw new CorefileException(
          nameWord.location(),
          "snippet '" + name + "' is already defined at " + earlier.definedAt()
              + "; expected each snippet name once");
    }
    snippets.put(name, new Snippet(name, nameWord.location(), body));
  }

  /** Replaces the import line that {@code importWord} starts with the words it names. */
  void expand(Word importWord, WordStream stream) throws CorefileException {
    Word argument = stream.peek();
    if (argument == null
        || argument.lineStart()
        || argument.isOpenBrace()
        || argument.isCloseBrace()) {
      throw new CorefileException(
          importWord.location(),
          "'import' needs one argument: expected a snippet name or a file (or glob) to import");
    }
    stream.next();
    Word extra = stream.peek();
    if (extra != null && !extra.lineStart() && !extra.isCloseBrace()) {
      throw new CorefileException(
          extra.location(),
          "unexpected '" + extra.raw() + "': 'import' takes one argument; expected the end of"
              + " the line");
    }
    EnvironmentSubstitution.Result name = environment.apply(argument.raw());
    if (name.text().isEmpty()) {
      throw new CorefileException(
          argument.location(),
          "import argument '" + argument.raw() + "' is empty" + name.blame()
              + "; expected a snippet name or a file to import");
    }
    if (++expansions > MAX_EXPANSIONS) {
      throw new CorefileException(
          argument.location(),
          "too many imports (more than " + MAX_EXPANSIONS + "); expected imports that do not"
              + " multiply without end");
    }
    Snippet snippet = snippets.get(name.text());
    List<Word> words =
        snippet != null
            ? snippetWords(snippet, argument)
            : fileWords(name.text(), argument);
    List<Word> spliced = new ArrayList<>(words);
    if (!spliced.isEmpty()) {
      spliced.set(0, spliced.get(0).startingLine());
    }
    stream.pushFront(spliced);
  }

  private List<Word> snippetWords(Snippet snippet, Word argument) throws CorefileException {
    ImportChain chain =
        follow(argument, "snippet:" + snippet.name(), "snippet '" + snippet.name() + "'");
    List<Word> words = new ArrayList<>();
    for (Word word : snippet.body()) {
      words.add(word.withChain(chain));
    }
    return words;
  }

  private ImportChain follow(Word argument, String identity, String description)
      throws CorefileException {
    ImportChain current = argument.origin().chain();
    ImportChain longer =
        current.then(new ImportChain.Link(identity, description, argument.location()));
    if (current.contains(identity)) {
      throw new CorefileException(
          argument.location(),
          "import cycle: " + longer.describe() + "; expected imports that do not lead back to"
              + " themselves");
    }
    return longer;
  }

  private List<Word> fileWords(String name, Word argument) throws CorefileException {
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
      return globWords(pattern, name, argument);
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
    return lexFile(pattern, argument);
  }

  private List<Word> globWords(Path pattern, String name, Word argument)
      throws CorefileException {
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
      PathMatcher matcher;
      try {
        matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
      } catch (IllegalArgumentException e) {
        throw new CorefileException(
            argument.location(),
            "import '" + name + "': bad glob pattern (" + e.getMessage() + "); expected a"
                + " pattern such as conf.d/*.conf");
      }
      try (Stream<Path> listing = Files.list(directory)) {
        listing
            .filter(path -> matcher.matches(path.getFileName()) && Files.isRegularFile(path))
            .sorted()
            .forEach(matches::add);
      } catch (IOException e) {
        throw new CorefileException(
            argument.location(),
            "import '" + name + "': cannot list " + directory + ": " + e.getMessage());
      }
    }
    if (matches.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "{0}: no files match import pattern {1}; importing nothing",
          argument.location(),
          name);
    }
    List<Word> words = new ArrayList<>();
    for (Path match : matches) {
      words.addAll(lexFile(match, argument));
    }
    return words;
  }

  private List<Word> lexFile(Path file, Word argument) throws CorefileException {
    ImportChain chain = follow(argument, identity(file), "file " + file);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
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
