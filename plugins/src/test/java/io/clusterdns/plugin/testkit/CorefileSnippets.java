package io.clusterdns.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Location;
import io.clusterdns.config.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Corefile snippet holding one directive (with an optional nested block) into a {@link
 * Directive}, so setup tests read like Corefiles. Knows words, double-quoted strings, braces,
 * newlines and {@code #} comments; the real parser lives in the config module.
 */
public final class CorefileSnippets {
  private static final String FILE = "Corefile";

  private CorefileSnippets() {}

  /**
   * {@link #directive} of a snippet written on one line, as a row of a test's table holds it: the
   * two characters {@code \n} stand for a line break.
   */
  public static Directive oneLine(String snippet) {
    return directive(snippet.replace("\\n", "\n"));
  }

  /** A setup's parse (or setup) of one directive, for {@link #assertRejected}. */
  @FunctionalInterface
  public interface Parse {
    void apply(Directive directive) throws Exception;
  }

  /**
   * Asserts that {@code parse} rejects the one-line {@code snippet} (see {@link #oneLine}) with a
   * {@link CorefileException} whose message is exactly {@code message}.
   */
  public static void assertRejected(String snippet, String message, Parse parse) {
    Directive directive = oneLine(snippet);
    CorefileException e = assertThrows(CorefileException.class, () -> parse.apply(directive));
    assertEquals(message, e.getMessage());
  }

  public static Directive directive(String snippet) {
    List<Token> tokens = new ArrayList<>();
    List<Boolean> lineStarts = new ArrayList<>();
    tokenize(snippet, tokens, lineStarts);
    int[] position = {0};
    Directive directive = parseDirective(tokens, lineStarts, position);
    if (position[0] != tokens.size()) {
      throw new IllegalArgumentException("snippet holds more than one directive: " + snippet);
    }
    return directive;
  }

  private static Directive parseDirective(List<Token> tokens, List<Boolean> lineStarts, int[] position) {
    Token name = tokens.get(position[0]++);
    List<Token> args = new ArrayList<>();
    while (position[0] < tokens.size() && !lineStarts.get(position[0]) && !isOpen(tokens.get(position[0]))
        && !isClose(tokens.get(position[0]))) {
      args.add(tokens.get(position[0]++));
    }
    List<Directive> block = new ArrayList<>();
    boolean hasBlock = position[0] < tokens.size() && isOpen(tokens.get(position[0]));
    if (hasBlock) {
      position[0]++;
      while (!isClose(tokens.get(position[0]))) {
        block.add(parseDirective(tokens, lineStarts, position));
      }
      position[0]++;
    }
    return new Directive(name, args, block, hasBlock);
  }

  private static boolean isOpen(Token token) {
    return !token.quoted() && token.text().equals("{");
  }

  private static boolean isClose(Token token) {
    return !token.quoted() && token.text().equals("}");
  }

  private static void tokenize(String text, List<Token> tokens, List<Boolean> lineStarts) {
    int line = 1;
    int column = 1;
    boolean atLineStart = true;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        atLineStart = true;
        i++;
      } else if (Character.isWhitespace(c)) {
        column++;
        i++;
      } else if (c == '#') {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"') {
        StringBuilder word = new StringBuilder();
        int start = column;
        i++;
        column++;
        while (text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && text.charAt(i + 1) == '"') {
            i++;
            column++;
          }
          word.append(text.charAt(i++));
          column++;
        }
        i++;
        column++;
        tokens.add(new Token(word.toString(), true, new Location(FILE, line, start)));
        lineStarts.add(atLineStart);
        atLineStart = false;
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        tokens.add(new Token(text.substring(start, i), false, new Location(FILE, line, column)));
        lineStarts.add(atLineStart);
        column += i - start;
        atLineStart = false;
      }
    }
  }
}
