package io.clusterdns.plugin.kubernetes;

import io.clusterdns.config.Directive;
import io.clusterdns.config.Location;
import io.clusterdns.config.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Directive} from a Corefile snippet for setup tests: one directive with an
 * optional {@code { ... }} block, words split on blanks, {@code "..."} quoting, one property per
 * line. The real Corefile parser lives in the config module.
 */
final class TestDirectives {
  private final List<Token> tokens = new ArrayList<>();
  private int position;

  private TestDirectives(String text) {
    String[] lines = text.split("\n", -1);
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l];
      int i = 0;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '#') {
          break;
        } else if (c == '"') {
          int end = line.indexOf('"', i + 1);
          tokens.add(token(line.substring(i + 1, end), true, l, i));
          i = end + 1;
        } else {
          int start = i;
          while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
            i++;
          }
          tokens.add(token(line.substring(start, i), false, l, start));
        }
      }
    }
  }

  private static Token token(String text, boolean quoted, int line, int column) {
    return new Token(text, quoted, new Location("Corefile", line + 1, column + 1));
  }

  static Directive parse(String text) {
    TestDirectives parser = new TestDirectives(text);
    Directive directive = parser.directive();
    if (parser.position != parser.tokens.size()) {
      throw new IllegalArgumentException("text after the directive: " + text);
    }
    return directive;
  }

  private Directive directive() {
    Token name = tokens.get(position++);
    int line = name.location().line();
    List<Token> args = new ArrayList<>();
    while (position < tokens.size()
        && tokens.get(position).location().line() == line
        && !isOpen(tokens.get(position))) {
      args.add(tokens.get(position++));
    }
    if (position < tokens.size() && isOpen(tokens.get(position))) {
      position++;
      List<Directive> block = new ArrayList<>();
      while (!isClose(tokens.get(position))) {
        block.add(directive());
      }
      position++;
      return new Directive(name, args, block, true);
    }
    return new Directive(name, args, List.of(), false);
  }

  private static boolean isOpen(Token token) {
    return !token.quoted() && token.text().equals("{");
  }

  private static boolean isClose(Token token) {
    return !token.quoted() && token.text().equals("}");
  }
}
