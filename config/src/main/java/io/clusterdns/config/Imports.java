package io.clusterdns.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands {@code import NAME} lines into the words they name: the snippet of that name if one
 * is defined above the line, else the file or glob (see {@link ImportedFiles}). Also keeps the
 * snippets, and caps the number of imports so that mutually importing snippets cannot blow up.
 */
final class Imports {
  private static final int MAX_EXPANSIONS = 10_000;

  private final Map<String, Snippet> snippets = new HashMap<>();
  private final EnvironmentSubstitution environment;
  private final SourceDigest digest;
  private int expansions;

  Imports(EnvironmentSubstitution environment, SourceDigest digest) {
    this.environment = environment;
    this.digest = digest;
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
            : ImportedFiles.words(name.text(), argument, digest);
    List<Word> spliced = new ArrayList<>(words);
    if (!spliced.isEmpty()) {
      spliced.set(0, spliced.get(0).startingLine());
    }
    stream.pushFront(spliced);
  }

  private List<Word> snippetWords(Snippet snippet, Word argument) throws CorefileException {
    ImportChain chain =
        argument
            .origin()
            .chain()
            .then("snippet:" + snippet.name(), "snippet '" + snippet.name() + "'",
                argument.location());
    List<Word> words = new ArrayList<>();
    for (Word word : snippet.body()) {
      words.add(word.withChain(chain));
    }
    return words;
  }
}
