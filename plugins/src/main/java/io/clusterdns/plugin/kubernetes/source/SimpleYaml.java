package io.clusterdns.plugin.kubernetes.source;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The documents of a YAML stream written in the plain block style that generated manifests (and
 * most hand-written ones) use, read straight from the text: block mappings with simple keys,
 * block sequences (indented or not), one-line plain and quoted scalars, and one-line flow
 * sequences and mappings of scalars. The trees are those {@link DirectTree} builds from the
 * engine's events, with the same containers and the same scalar resolution. Anything else — a
 * comment, an anchor, a tag, a block scalar, a multi-line scalar, a tab, a non-ASCII character,
 * a key twice, a mistake — gives null, and the engine parses the text as before, so what is
 * accepted here is exactly what the engine would have made of it.
 *
 * <p>Why: snakeyaml-engine's scanner and parser (a token, an event and several {@code Optional}s
 * per scalar, code points copied through a window) are nearly all the CPU time and garbage of
 * loading a large cluster; this reads the same text in a fraction of both.
 */
final class SimpleYaml {
  /** Characters that may start or mean a construct the subset leaves to the engine. */
  private static final String LEFT_TO_ENGINE = "#&*!|>%@`\\?<";
  private static final boolean[] SIMPLE_CHARACTER = new boolean[128];
  /** Ends a plain scalar in a flow collection; a plain scalar here never holds one. */
  private static final String FLOW_STOP = " ,[]{}:\"'";
  /** A plain scalar in block context holding one of these is left to the engine. */
  private static final String BLOCK_UNSURE = "[]{}\"'";
  /** Keys are names: letters, digits and these; the engine refuses an implicit key over 1,024. */
  private static final String KEY_PUNCTUATION = "._/-";
  private static final int MAX_KEY = 1000;
  /** Deeper nesting, or a larger mapping, is left to the engine; the subset never needs it. */
  private static final int MAX_DEPTH = 64;
  private static final int MAX_ENTRIES = 4 * SmallMap.MAX_ENTRIES;
  private static final NotSimple NOT_SIMPLE = new NotSimple();

  static {
    for (char c = ' '; c < 0x7F; c++) {
      SIMPLE_CHARACTER[c] = LEFT_TO_ENGINE.indexOf(c) < 0;
    }
    SIMPLE_CHARACTER['\n'] = true;
  }

  /** Gives up on the text: control flow, so without a stack trace. */
  private static final class NotSimple extends RuntimeException {
    NotSimple() {
      super(null, null, false, false);
    }
  }

  private final String text;
  private final int end;
  /** The start of the line being read. */
  private int line;
  /** Keys, values and items being collected, innermost last, as in {@link DirectTree}. */
  private Object[] stack = new Object[64];
  private int top;
  private int depth;

  private SimpleYaml(String text) {
    this.text = text;
    this.end = text.length();
  }

  /**
   * The trees of the documents of {@code text} (null for an empty one), or null when the text is
   * not in the subset and only the engine can tell what it holds.
   */
  static List<Object> documents(String text) {
    if (text.length() >= YamlTrees.SETTINGS.getCodePointLimit() || !simpleCharacters(text)) {
      return null;
    }
    try {
      return new SimpleYaml(text).documents();
    } catch (NotSimple e) {
      return null;
    }
  }

  /** Only printable ASCII without the engine's characters, and no {@code ...} or {@code ---x} line. */
  private static boolean simpleCharacters(String text) {
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

  private List<Object> documents() {
    List<Object> documents = new ArrayList<>();
    // An explicit document start with nothing after it is a document of its own: null.
    boolean started = false;
    while (true) {
      skipBlankLines();
      if (line >= end) {
        if (started) {
          documents.add(null);
        }
        return documents;
      }
      if (atSeparator()) {
        if (started) {
          documents.add(null);
        }
        started = true;
        line = nextLine(line);
      } else if (indent() == 0) {
        documents.add(mapping(0, line));
        started = false;
      } else {
        throw NOT_SIMPLE;
      }
    }
  }

  /** A block mapping whose keys are at {@code column}, the first of them at {@code at}. */
  private Object mapping(int column, int at) {
    enter();
    int base = top;
    while (true) {
      int lineEnd = lineEnd(at);
      int colon = keyEnd(at, lineEnd);
      String key = key(at, colon, base);
      push(key);
      int value = skipSpaces(colon + 1, lineEnd);
      line = nextLine(lineEnd);
      push(value == lineEnd ? valueBelow(column) : inline(value, lineEnd, column));
      skipBlankLines();
      if (line >= end || atSeparator() || indent() < column) {
        break;
      }
      if (indent() > column || top - base == 2 * MAX_ENTRIES) {
        throw NOT_SIMPLE;
      }
      at = line + column;
    }
    Object map = DirectTree.mapping(stack, base, top);
    pop(base);
    depth--;
    return map;
  }

  /** The value of a key with nothing after its colon: a nested block on the next lines, or null. */
  private Object valueBelow(int column) {
    skipBlankLines();
    if (line >= end || atSeparator()) {
      return null;
    }
    int indent = indent();
    boolean entry = isEntry(line + indent);
    if (indent > column) {
      return entry ? sequence(indent) : mapping(indent, line + indent);
    }
    // A sequence may sit at its key's own indent.
    return indent == column && entry ? sequence(indent) : null;
  }

  /** A block sequence whose dashes are at {@code column}; the current line holds the first. */
  private Object sequence(int column) {
    enter();
    int base = top;
    while (true) {
      int dash = line + column;
      int lineEnd = lineEnd(dash);
      int content = skipSpaces(dash + 1, lineEnd);
      if (content == lineEnd || isEntry(content)) {
        throw NOT_SIMPLE;
      }
      if (isKey(content, lineEnd)) {
        push(mapping(content - line, content));
      } else {
        line = nextLine(lineEnd);
        push(inline(content, lineEnd, column));
      }
      skipBlankLines();
      if (line >= end || atSeparator() || indent() < column) {
        break;
      }
      if (indent() > column) {
        throw NOT_SIMPLE;
      }
      if (!isEntry(line + column)) {
        // The rest of the mapping this sequence sits in without an indent of its own.
        break;
      }
    }
    Object list = DirectTree.sequence(stack, base, top);
    pop(base);
    depth--;
    return list;
  }

  /**
   * A scalar or flow collection from {@code at} to the end of its line; the line after it must
   * not be indented past {@code column}, where it would continue the scalar.
   */
  private Object inline(int at, int lineEnd, int column) {
    char first = text.charAt(at);
    Object value;
    int after;
    if (first == '"' || first == '\'') {
      after = quotedEnd(at, lineEnd);
      value = text.substring(at + 1, after - 1);
    } else if (first == '[' || first == '{') {
      after = flow(at, lineEnd);
      value = pop();
    } else {
      if ((first == '-' && (at + 1 == lineEnd || text.charAt(at + 1) == ' ')) || ":,]}".indexOf(first) >= 0) {
        throw NOT_SIMPLE;
      }
      int last = lineEnd;
      while (text.charAt(last - 1) == ' ') {
        last--;
      }
      for (int i = at; i < last; i++) {
        char c = text.charAt(i);
        if ((c == ':' && (i + 1 == last || text.charAt(i + 1) == ' ')) || BLOCK_UNSURE.indexOf(c) >= 0) {
          throw NOT_SIMPLE;
        }
      }
      value = plain(at, last);
      after = last;
    }
    if (skipSpaces(after, lineEnd) != lineEnd) {
      throw NOT_SIMPLE;
    }
    skipBlankLines();
    if (line < end && !atSeparator() && indent() > column) {
      throw NOT_SIMPLE;
    }
    return value;
  }

  /** A one-line flow sequence or mapping of scalars from {@code at}, pushed; the index after it. */
  private int flow(int at, int lineEnd) {
    boolean mapping = text.charAt(at) == '{';
    char close = mapping ? '}' : ']';
    int base = top;
    int i = skipSpaces(at + 1, lineEnd);
    if (i < lineEnd && text.charAt(i) == close) {
      i++;
    } else {
      while (true) {
        if (mapping) {
          int keyEnd = flowPlainEnd(i, lineEnd);
          if (keyEnd + 1 >= lineEnd || text.charAt(keyEnd) != ':' || text.charAt(keyEnd + 1) != ' ') {
            throw NOT_SIMPLE;
          }
          push(key(i, keyEnd, base));
          i = skipSpaces(keyEnd + 1, lineEnd);
        }
        i = skipSpaces(flowScalar(i, lineEnd), lineEnd);
        if (i == lineEnd || (mapping && top - base == 2 * MAX_ENTRIES)) {
          throw NOT_SIMPLE;
        }
        char c = text.charAt(i++);
        if (c == close) {
          break;
        }
        i = skipSpaces(i, lineEnd);
        if (c != ',' || i == lineEnd || text.charAt(i) == close) {
          throw NOT_SIMPLE;
        }
      }
    }
    Object collection = mapping ? DirectTree.mapping(stack, base, top) : DirectTree.sequence(stack, base, top);
    pop(base);
    push(collection);
    return i;
  }

  /** A quoted or plain scalar of a flow collection at {@code at}, pushed; the index after it. */
  private int flowScalar(int at, int lineEnd) {
    if (at == lineEnd) {
      throw NOT_SIMPLE;
    }
    char first = text.charAt(at);
    if (first == '"' || first == '\'') {
      int after = quotedEnd(at, lineEnd);
      push(text.substring(at + 1, after - 1));
      return after;
    }
    int after = flowPlainEnd(at, lineEnd);
    push(plain(at, after));
    return after;
  }

  private int flowPlainEnd(int at, int lineEnd) {
    int i = at;
    while (i < lineEnd && FLOW_STOP.indexOf(text.charAt(i)) < 0) {
      i++;
    }
    if (i == at || (i == at + 1 && text.charAt(at) == '-')) {
      throw NOT_SIMPLE;
    }
    return i;
  }

  /** The index after the closing quote of the one-line scalar quoted at {@code at}. */
  private int quotedEnd(int at, int lineEnd) {
    char quote = text.charAt(at);
    int close = text.indexOf(quote, at + 1);
    // A doubled single quote is an escaped one, which the engine undoes.
    if (close < 0 || close >= lineEnd || (quote == '\'' && close + 1 < lineEnd && text.charAt(close + 1) == '\'')) {
      throw NOT_SIMPLE;
    }
    return close + 1;
  }

  /** A plain scalar, resolved and constructed as the engine's schema does. */
  private Object plain(int from, int to) {
    Object value = DirectTree.scalar(text.substring(from, to), true, ScalarStyle.PLAIN);
    if (value == DirectTree.ENGINE) {
      throw NOT_SIMPLE;
    }
    return value;
  }

  /** The index of the colon after the simple key at {@code at}. */
  private int keyEnd(int at, int lineEnd) {
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
  private boolean isKey(int at, int lineEnd) {
    int i = at;
    while (i < lineEnd && isKeyCharacter(text.charAt(i))) {
      i++;
    }
    return i > at && i < lineEnd && text.charAt(i) == ':' && (i + 1 == lineEnd || text.charAt(i + 1) == ' ');
  }

  /** The key from {@code from} to {@code to}: a string, new in the mapping whose entries start at {@code base}. */
  private String key(int from, int to, int base) {
    String key = text.substring(from, to);
    if (!DirectTree.resolve(key, true).equals(Tag.STR) || to - from > MAX_KEY) {
      throw NOT_SIMPLE;
    }
    for (int i = base; i < top; i += 2) {
      if (stack[i].equals(key)) {
        throw NOT_SIMPLE;
      }
    }
    return key;
  }

  private static boolean isKeyCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || KEY_PUNCTUATION.indexOf(c) >= 0;
  }

  /** Whether a block sequence entry (a dash and a blank or the line end) starts at {@code at}. */
  private boolean isEntry(int at) {
    return text.charAt(at) == '-' && (at + 1 == end || text.charAt(at + 1) == ' ' || text.charAt(at + 1) == '\n');
  }

  private boolean atSeparator() {
    return text.startsWith("---", line) && (line + 3 == end || text.charAt(line + 3) == '\n');
  }

  /** The indent of the current line, which is not blank. */
  private int indent() {
    int i = line;
    while (text.charAt(i) == ' ') {
      i++;
    }
    return i - line;
  }

  /** Moves past lines of nothing but spaces. */
  private void skipBlankLines() {
    while (line < end) {
      int i = skipSpaces(line, end);
      if (i < end && text.charAt(i) != '\n') {
        return;
      }
      line = nextLine(i);
    }
  }

  private int skipSpaces(int from, int limit) {
    int i = from;
    while (i < limit && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private int lineEnd(int from) {
    int at = text.indexOf('\n', from);
    return at < 0 ? end : at;
  }

  private int nextLine(int from) {
    int at = text.indexOf('\n', from);
    return at < 0 ? end : at + 1;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw NOT_SIMPLE;
    }
  }

  private void push(Object value) {
    if (top == stack.length) {
      stack = java.util.Arrays.copyOf(stack, 2 * top);
    }
    stack[top++] = value;
  }

  private Object pop() {
    Object value = stack[--top];
    stack[top] = null;
    return value;
  }

  private void pop(int base) {
    java.util.Arrays.fill(stack, base, top, null);
    top = base;
  }
}
