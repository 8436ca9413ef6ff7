package io.clusterdns.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random valid Corefiles (keys in every accepted form, nested directive blocks, quoted
 * arguments, comments, odd spacing) together with the shape the parser must read back, in the
 * format of {@link Corefiles#shape(Corefile)}.
 */
final class CorefileGenerator {
  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz_";
  private static final String BARE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789./:_-#";
  private static final String QUOTED_CHARS = "abc xyz{}#\"\n";

  private final Random random;
  private final StringBuilder text = new StringBuilder();
  private final List<String> shapes = new ArrayList<>();

  CorefileGenerator(Random random) {
    this.random = random;
  }

  String text() {
    return text.toString();
  }

  String expectedShape() {
    return String.join("\n", shapes);
  }

  CorefileGenerator generate() {
    int blocks = 1 + random.nextInt(4);
    for (int b = 0; b < blocks; b++) {
      maybeComment();
      serverBlock(b);
    }
    maybeComment();
    return this;
  }

  private void serverBlock(int index) {
    int keyCount = 1 + random.nextInt(3);
    List<String> keys = new ArrayList<>();
    indent();
    for (int k = 0; k < keyCount; k++) {
      String zone = "z" + index + "k" + k + ".example";
      boolean withPort = random.nextBoolean();
      int port = random.nextInt(65536);
      String written = (random.nextInt(4) == 0 ? "dns://" : "") + randomCase(zone)
          + (random.nextBoolean() ? "." : "") + (withPort ? ":" + port : "");
      keys.add(zone + "." + (withPort ? ":" + port : ""));
      if (k > 0) {
        text.append(List.of(" ", ", ", ",", " ,", ",\n  ").get(random.nextInt(5)));
      }
      text.append(written);
    }
    text.append(" {");
    List<String> children = lines(0);
    shapes.add(String.join(" ", keys) + " {" + String.join("; ", children) + "}");
    text.append("\n}\n");
  }

  private List<String> lines(int depth) {
    List<String> shapes = new ArrayList<>();
    int count = random.nextInt(depth == 0 ? 6 : 4);
    for (int i = 0; i < count; i++) {
      endLine();
      maybeCommentLine();
      indent();
      shapes.add(directive(depth));
    }
    return shapes;
  }

  private String directive(int depth) {
    StringBuilder shape = new StringBuilder();
    String name = word(NAME_CHARS, 1 + random.nextInt(8));
    text.append(name);
    shape.append(name);
    int args = random.nextInt(4);
    for (int a = 0; a < args; a++) {
      text.append(spaces());
      shape.append(' ').append(argument());
    }
    if (depth < 3 && random.nextInt(3) == 0) {
      text.append(spaces()).append('{');
      if (random.nextInt(4) == 0) {
        text.append(random.nextBoolean() ? "}" : " }");
        shape.append(" {}");
      } else if (random.nextInt(4) == 0) {
        text.append(' ');
        String only = leafDirective();
        text.append(" }");
        shape.append(" {").append(only).append('}');
      } else {
        maybeTrailingComment();
        List<String> children = lines(depth + 1);
        endLine();
        indent();
        text.append('}');
        shape.append(" {").append(String.join("; ", children)).append('}');
      }
    }
    maybeTrailingComment();
    return shape.toString();
  }

  /** A directive without block or comment, as fits inside a one-line block. */
  private String leafDirective() {
    String name = word(NAME_CHARS, 1 + random.nextInt(8));
    StringBuilder shape = new StringBuilder(name);
    text.append(name);
    for (int a = random.nextInt(3); a > 0; a--) {
      text.append(spaces());
      shape.append(' ').append(argument());
    }
    return shape.toString();
  }

  /** Appends one argument and returns how the shape shows it. */
  private String argument() {
    if (random.nextInt(4) == 0) {
      String value = word(QUOTED_CHARS, random.nextInt(8));
      text.append('"').append(value.replace("\"", "\\\"")).append('"');
      return '"' + value + '"';
    }
    String value = word(BARE_CHARS.substring(0, BARE_CHARS.length() - 1), 1)
        + word(BARE_CHARS, random.nextInt(6));
    text.append(value);
    return value;
  }

  private String word(String alphabet, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private String randomCase(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  private String spaces() {
    return List.of(" ", "  ", "\t", " \t ").get(random.nextInt(4));
  }

  private void indent() {
    text.append(List.of("", " ", "    ", "\t").get(random.nextInt(4)));
  }

  private void endLine() {
    text.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
    if (random.nextInt(5) == 0) {
      text.append("\n");
    }
  }

  private void maybeComment() {
    if (random.nextInt(3) == 0) {
      text.append("# ").append(word(QUOTED_CHARS.replace("\n", ""), 10)).append('\n');
    }
  }

  private void maybeCommentLine() {
    if (random.nextInt(5) == 0) {
      indent();
      text.append("#").append(word(QUOTED_CHARS.replace("\n", ""), 6));
      endLine();
    }
  }

  private void maybeTrailingComment() {
    if (random.nextInt(5) == 0) {
      text.append(" #").append(word(QUOTED_CHARS.replace("\n", ""), 6));
    }
  }
}
