package io.clusterdns.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Corefile text into words the way Caddy does: whitespace separates words, a {@code #}
 * that starts a word comments out the rest of the line, and a double quote that starts a word
 * runs to the next unescaped double quote, across lines if need be. Only {@code \"} is an escape
 * inside quotes; any other backslash pair is kept as written, as in Caddy. Unlike Caddy, a bare
 * {@code {}} is read as an empty block rather than as one word, because that is what people mean.
 */
final class Lexer {
  private final String text;
  private final String file;
  private final Origin origin;
  private final List<Word> words = new ArrayList<>();
  private int index;
  private int line = 1;
  private int column = 1;
  private boolean lineStart = true;

  private Lexer(String text, String file, Origin origin) {
    this.text = text;
    this.file = file;
    this.origin = origin;
  }

  static List<Word> lex(String text, String file, Origin origin) throws CorefileException {
    Lexer lexer = new Lexer(text, file, origin);
    lexer.run();
    return List.copyOf(lexer.words);
  }

  private void run() throws CorefileException {
    while (index < text.length()) {
      char c = text.charAt(index);
      if (c == '\n') {
        advance();
        lineStart = true;
      } else if (Character.isWhitespace(c)) {
        advance();
      } else if (c == '#') {
        skipComment();
      } else if (c == '"') {
        quoted();
      } else {
        bare();
      }
    }
  }

  private void advance() {
    if (text.charAt(index) == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    index++;
  }

  private void skipComment() {
    while (index < text.length() && text.charAt(index) != '\n') {
      advance();
    }
  }

  private void quoted() throws CorefileException {
    Location start = here();
    advance();
    StringBuilder value = new StringBuilder();
    while (index < text.length()) {
      char c = text.charAt(index);
      if (c == '"') {
        advance();
        add(value.toString(), true, start);
        return;
      }
      if (c == '\\' && index + 1 < text.length()) {
        char escaped = text.charAt(index + 1);
        if (escaped != '"') {
          value.append(c);
        }
        value.append(escaped);
        advance();
        advance();
        continue;
      }
      value.append(c);
      advance();
    }
    throw new CorefileException(
        start,
        "unterminated quoted string: the '\"' here opens a string that is never closed;"
            + " expected a closing '\"' before the end of the file");
  }

  private void bare() {
    Location start = here();
    int from = index;
    while (index < text.length() && !Character.isWhitespace(text.charAt(index))) {
      advance();
    }
    String word = text.substring(from, index);
    if (word.equals("{}")) {
      add("{", false, start);
      add("}", false, new Location(file, start.line(), start.column() + 1));
    } else {
      add(word, false, start);
    }
  }

  private Location here() {
    return new Location(file, line, column);
  }

  private void add(String raw, boolean quoted, Location start) {
    words.add(new Word(raw, quoted, start, lineStart, origin));
    lineStart = false;
  }
}
