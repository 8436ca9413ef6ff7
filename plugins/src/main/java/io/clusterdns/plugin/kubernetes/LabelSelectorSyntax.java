package io.clusterdns.plugin.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a Kubernetes label selector ({@code a=b,c!=d,e in (f, g),!h,i,j>3}) at setup time, so a
 * typo fails the Corefile instead of every list call against the API server.
 */
final class LabelSelectorSyntax {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern PREFIX =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final String OPERATOR_CHARS = "!=<>";
  private static final String SPECIAL_CHARS = "!=<>,()";

  private final List<String> tokens;
  private int position;

  private LabelSelectorSyntax(List<String> tokens) {
    this.tokens = tokens;
  }

  /** Null when {@code selector} is valid, else what is wrong with it. */
  static String problem(String selector) {
    try {
      new LabelSelectorSyntax(tokenize(selector)).selector();
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
        int start = i;
        while (i < text.length() && OPERATOR_CHARS.indexOf(text.charAt(i)) >= 0) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else if (SPECIAL_CHARS.indexOf(c) >= 0) {
        tokens.add(String.valueOf(c));
        i++;
      } else {
        int start = i;
        while (i < text.length()
            && !Character.isWhitespace(text.charAt(i))
            && SPECIAL_CHARS.indexOf(text.charAt(i)) < 0) {
          i++;
        }
        tokens.add(text.substring(start, i));
      }
    }
    return tokens;
  }

  private void selector() {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("empty selector");
    }
    requirement();
    while (position < tokens.size()) {
      expect(",");
      requirement();
    }
  }

  private void requirement() {
    if ("!".equals(peek())) {
      position++;
      key(next("a label key after '!'"));
      return;
    }
    key(next("a label key"));
    String op = peek();
    if (op == null || ",".equals(op)) {
      return;
    }
    position++;
    switch (op) {
      case "=":
      case "==":
      case "!=":
        String value = peek();
        if (value == null || ",".equals(value)) {
          return;
        }
        position++;
        value(value);
        return;
      case "in":
      case "notin":
        expect("(");
        value(next("a value"));
        while (",".equals(peek())) {
          position++;
          value(next("a value"));
        }
        expect(")");
        return;
      case ">":
      case "<":
        String number = next("a whole number after '" + op + "'");
        try {
          Long.parseLong(number);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + number + "' is not a whole number");
        }
        return;
      default:
        throw new IllegalArgumentException(
            "unexpected '" + op + "', expected =, ==, !=, in, notin, > or <");
    }
  }

  private static void key(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException("invalid label key prefix in '" + key + "'");
      }
    }
    if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid label key '" + key + "'");
    }
  }

  private static void value(String value) {
    if (value.length() > 63 || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid label value '" + value + "'");
    }
  }

  private String peek() {
    return position < tokens.size() ? tokens.get(position) : null;
  }

  private String next(String what) {
    String token = peek();
    if (token == null || SPECIAL_CHARS.indexOf(token.charAt(0)) >= 0) {
      throw new IllegalArgumentException(
          "expected " + what + (token == null ? " at the end" : ", got '" + token + "'"));
    }
    position++;
    return token;
  }

  private void expect(String token) {
    if (!token.equals(peek())) {
      throw new IllegalArgumentException(
          "expected '" + token + "'" + (peek() == null ? " at the end" : ", got '" + peek() + "'"));
    }
    position++;
  }
}
