package io.clusterdns.plugin.kubernetes.source;

import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The text of a YAML stream for {@link SimpleYaml}, read line by line: where lines end, their
 * indent, blank lines, document separators, sequence entries, simple keys and quoted scalars.
 * Whatever does not fit the plain block style stops the read ({@link #NOT_SIMPLE}).
 */
abstract class SimpleYamlText {
  /** Characters that may start or mean a construct the subset leaves to the engine. */
  private static final String LEFT_TO_ENGINE = "#&*!|>%@`\\?<";
  private static final boolean[] SIMPLE_CHARACTER = new boolean[128];
  /** Keys are names: letters, digits and these; the engine refuses an implicit key over 1,024. */
  private static final String KEY_PUNCTUATION = "._/-";
  private static final int MAX_KEY = 1000;
  static final NotSimple NOT_SIMPLE = new NotSimple();

  static {
    for (char c = ' '; c < 0x7F; c++) {
      SIMPLE_CHARACTER[c] = LEFT_TO_ENGINE.indexOf(c) < 0;
    }
    SIMPLE_CHARACTER['\n'] = true;
  }

  /** Gives up on the text: control flow, so without a stack trace. */
  static final class NotSimple extends RuntimeException {
    NotSimple() {
      super(null, null, false, false);
    }
  }

  final String text;
  final int end;
  /** The start of the line being read. */
  int line;

  SimpleYamlText(String text) {
    this.text = text;
    this.end = text.length();
  }

  /** Only printable ASCII without the engine's characters, and no {@code ...} or {@code ---x} line. */
  static boolean simpleCharacters(String text) {
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= SIMPLE_CHARACTER.length || !SIMPLE_CHARACTER[c]) {
        return false;
      }
      if (lineStart && (c == '-' || c == '.') && text.startsWith(c == '-' ? "---" : "...", i)) {
        int after = i + 3;
        if (c == '.' || (after < text.length() && text.charAt(after) != '\n')) {
          return false;
        }
      }
      lineStart = c == '\n';
    }
    return true;
  }

  /** The index after the closing quote of the one-line scalar quoted at {@code at}. */
  final int quotedEnd(int at, int lineEnd) {
    char quote = text.charAt(at);
    int close = text.indexOf(quote, at + 1);
    // A doubled single quote is an escaped one, which the engine undoes.
    if (close < 0 || close >= lineEnd || (quote == '\'' && close + 1 < lineEnd && text.charAt(close + 1) == '\'')) {
      throw NOT_SIMPLE;
    }
    return close + 1;
  }

  /** The index of the colon after the simple key at {@code at}. */
  final int keyEnd(int at, int lineEnd) {
    int i = at;
    while (i < lineEnd && isKeyCharacter(text.charAt(i))) {
      i++;
    }
    if (i == at || i - at > MAX_KEY || text.charAt(at) == '-' || i == lineEnd || text.charAt(i) != ':'
        || (i + 1 < lineEnd && text.charAt(i + 1) != ' ')) {
      throw NOT_SIMPLE;
    }
    return i;
  }

  /** Whether a simple key and its colon start at {@code at}. */
  final boolean isKey(int at, int lineEnd) {
    int i = at;
    while (i < lineEnd && isKeyCharacter(text.charAt(i))) {
      i++;
    }
    return i > at && i < lineEnd && text.charAt(i) == ':' && (i + 1 == lineEnd || text.charAt(i + 1) == ' ');
  }

  /** The key from {@code from} to {@code to}, when it is a string the engine takes as a simple key. */
  final String key(int from, int to) {
    String key = text.substring(from, to);
    if (!DirectTree.resolve(key, true).equals(Tag.STR) || to - from > MAX_KEY) {
      throw NOT_SIMPLE;
    }
    return key;
  }

  private static boolean isKeyCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || KEY_PUNCTUATION.indexOf(c) >= 0;
  }

  /** Whether a block sequence entry (a dash and a blank or the line end) starts at {@code at}. */
  final boolean isEntry(int at) {
    return text.charAt(at) == '-' && (at + 1 == end || text.charAt(at + 1) == ' ' || text.charAt(at + 1) == '\n');
  }

  final boolean atSeparator() {
    return text.startsWith("---", line) && (line + 3 == end || text.charAt(line + 3) == '\n');
  }

  /** The indent of the current line, which is not blank. */
  final int indent() {
    int i = line;
    while (text.charAt(i) == ' ') {
      i++;
    }
    return i - line;
  }

  /** Moves past lines of nothing but spaces. */
  final void skipBlankLines() {
    while (line < end) {
      int i = skipSpaces(line, end);
      if (i < end && text.charAt(i) != '\n') {
        return;
      }
      line = nextLine(i);
    }
  }

  final int skipSpaces(int from, int limit) {
    int i = from;
    while (i < limit && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  final int lineEnd(int from) {
    int at = text.indexOf('\n', from);
    return at < 0 ? end : at;
  }

  final int nextLine(int from) {
    int at = text.indexOf('\n', from);
    return at < 0 ? end : at + 1;
  }
}
