package io.clusterdns.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A glob for one file name, in the syntax of Java's {@code glob:} path matchers ({@code *},
 * {@code ?}, {@code [a-z]}, {@code [!a]}, {@code {a,b}}, {@code \} escapes), matched in time
 * proportional to the name's length times the pattern's (a character is one UTF-16 unit, so
 * {@code ?} does not take a surrogate pair as one). Java's matcher compiles the glob to a
 * regular expression that backtracks: an import such as {@code "***...*common.conf"} with a few
 * dozen stars took longer than anyone waits, on every file of the directory.
 */
final class FileNameGlob {
  /** Braces multiply: {@code {a,b}{c,d}} is four patterns. More than this is no file name. */
  static final int MAX_ALTERNATIVES = 256;

  /** One element of a pattern without braces: a star, or a test of one character. */
  private interface Element {
    boolean matches(char c);
  }

  private static final Element STAR = c -> true;
  private static final Element ANY = c -> true;

  private final List<Element[]> alternatives;

  private FileNameGlob(List<Element[]> alternatives) {
    this.alternatives = alternatives;
  }

  /**
   * Compiles a glob.
   *
   * @throws IllegalArgumentException saying what is wrong with it, and where
   */
  static FileNameGlob compile(String pattern) {
    return new FileNameGlob(new Parser(pattern).parse());
  }

  boolean matches(String name) {
    for (Element[] elements : alternatives) {
      if (matches(elements, name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The usual wildcard walk: on a mismatch, go back to the last star and let it take one more
   * character. Earlier stars never need to take more, so no choice is tried twice.
   */
  private static boolean matches(Element[] elements, String name) {
    int e = 0;
    int n = 0;
    int star = -1;
    int starName = 0;
    while (n < name.length()) {
      if (e < elements.length && elements[e] == STAR) {
        star = e++;
        starName = n;
      } else if (e < elements.length && elements[e].matches(name.charAt(n))) {
        e++;
        n++;
      } else if (star >= 0) {
        e = star + 1;
        n = ++starName;
      } else {
        return false;
      }
    }
    while (e < elements.length && elements[e] == STAR) {
      e++;
    }
    return e == elements.length;
  }

  /** Reads a pattern into its alternatives, each a list of elements. */
  private static final class Parser {
    private final String pattern;
    private int index;

    Parser(String pattern) {
      this.pattern = pattern;
    }

    List<Element[]> parse() {
      List<List<Element>> alternatives = new ArrayList<>();
      alternatives.add(new ArrayList<>());
      while (index < pattern.length()) {
        char c = pattern.charAt(index++);
        if (c == '{') {
          alternatives = product(alternatives, group());
        } else {
          Element element = element(c);
          for (List<Element> alternative : alternatives) {
            alternative.add(element);
          }
        }
      }
      List<Element[]> compiled = new ArrayList<>();
      for (List<Element> alternative : alternatives) {
        compiled.add(alternative.toArray(new Element[0]));
      }
      return compiled;
    }

    /** The alternatives of a {@code {...}} group, the opening brace already read. */
    private List<List<Element>> group() {
      int open = index - 1;
      List<List<Element>> choices = new ArrayList<>();
      List<Element> current = new ArrayList<>();
      while (true) {
        if (index >= pattern.length()) {
          throw problem("missing '}' for the '{'", open);
        }
        char c = pattern.charAt(index++);
        if (c == '}') {
          choices.add(current);
          return choices;
        } else if (c == ',') {
          choices.add(current);
          current = new ArrayList<>();
        } else if (c == '{') {
          throw problem("groups cannot nest", index - 1);
        } else {
          current.add(element(c));
        }
      }
    }

    private List<List<Element>> product(List<List<Element>> prefixes, List<List<Element>> choices) {
      if ((long) prefixes.size() * choices.size() > MAX_ALTERNATIVES) {
        throw problem("the groups make more than " + MAX_ALTERNATIVES + " patterns", index - 1);
      }
      List<List<Element>> product = new ArrayList<>();
      for (List<Element> prefix : prefixes) {
        for (List<Element> choice : choices) {
          List<Element> joined = new ArrayList<>(prefix);
          joined.addAll(choice);
          product.add(joined);
        }
      }
      return product;
    }

    /** The element that {@code c} (already read) starts, outside or inside a group. */
    private Element element(char c) {
      switch (c) {
        case '*':
          // "**" crosses directories in Java's globs; within one file name it is "*".
          while (index < pattern.length() && pattern.charAt(index) == '*') {
            index++;
          }
          return STAR;
        case '?':
          return ANY;
        case '[':
          return characterClass();
        case '\\':
          if (index >= pattern.length()) {
            throw problem("no character to escape after '\\'", index - 1);
          }
          return literal(pattern.charAt(index++));
        default:
          return literal(c);
      }
    }

    private static Element literal(char expected) {
      return c -> c == expected;
    }

    /**
     * A {@code [...]} class, the bracket already read, as Java's globs read it: {@code !} first
     * negates, {@code ^} first is literal, {@code -} first is literal, {@code a-z} is a range.
     */
    private Element characterClass() {
      int open = index - 1;
      boolean negated = false;
      StringBuilder singles = new StringBuilder();
      StringBuilder ranges = new StringBuilder();
      if (peek() == '^') {
        singles.append('^');
        index++;
      } else {
        if (peek() == '!') {
          negated = true;
          index++;
        }
        if (peek() == '-') {
          singles.append('-');
          index++;
        }
      }
      boolean closed = false;
      boolean hasRangeStart = false;
      char last = 0;
      while (index < pattern.length()) {
        char c = pattern.charAt(index++);
        if (c == ']') {
          closed = true;
          break;
        }
        if (c != '-') {
          singles.append(c);
          hasRangeStart = true;
          last = c;
          continue;
        }
        if (!hasRangeStart) {
          throw problem("a range without a start", index - 1);
        }
        if (index >= pattern.length()) {
          break;
        }
        char end = pattern.charAt(index++);
        if (end == ']') {
          // "[a-]" holds 'a' and '-'.
          singles.append('-');
          closed = true;
          break;
        }
        if (end < last) {
          throw problem("the range " + last + "-" + end + " runs backwards", index - 3);
        }
        singles.deleteCharAt(singles.length() - 1);
        ranges.append(last).append(end);
        hasRangeStart = false;
      }
      if (!closed) {
        throw problem("missing ']' for the '['", open);
      }
      if (singles.isEmpty() && ranges.isEmpty()) {
        throw problem("an empty class '[]'", open);
      }
      String members = singles.toString();
      String bounds = ranges.toString();
      boolean not = negated;
      return c -> not != (members.indexOf(c) >= 0 || inRanges(bounds, c));
    }

    private static boolean inRanges(String bounds, char c) {
      for (int i = 0; i < bounds.length(); i += 2) {
        if (c >= bounds.charAt(i) && c <= bounds.charAt(i + 1)) {
          return true;
        }
      }
      return false;
    }

    private char peek() {
      return index < pattern.length() ? pattern.charAt(index) : 0;
    }

    private IllegalArgumentException problem(String what, int at) {
      return new IllegalArgumentException(what + " at character " + (at + 1));
    }
  }
}
