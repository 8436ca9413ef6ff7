package io.clusterdns.plugin.kubernetes.source;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.common.ScalarStyle;

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
final class SimpleYaml extends SimpleYamlText {
  /** Ends a plain scalar in a flow collection; a plain scalar here never holds one. */
  private static final String FLOW_STOP = " ,[]{}:\"'";
  /** A plain scalar in block context holding one of these is left to the engine. */
  private static final String BLOCK_UNSURE = "[]{}\"'";
  /** Deeper nesting, or a larger mapping, is left to the engine; the subset never needs it. */
  private static final int MAX_DEPTH = 64;
  private static final int MAX_ENTRIES = 4 * SmallMap.MAX_ENTRIES;

  private final TreeStack stack = new TreeStack();
  private int depth;

  private SimpleYaml(String text) {
    super(text);
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
    if (++depth > MAX_DEPTH) {
      throw NOT_SIMPLE;
    }
    int base = stack.mark();
    while (true) {
      int lineEnd = lineEnd(at);
      int colon = keyEnd(at, lineEnd);
      String key = key(at, colon, base);
      stack.push(key);
      int value = skipSpaces(colon + 1, lineEnd);
      line = nextLine(lineEnd);
      stack.push(value == lineEnd ? valueBelow(column) : inline(value, lineEnd, column));
      skipBlankLines();
      if (line >= end || atSeparator() || indent() < column) {
        break;
      }
      if (indent() > column || stack.collected(base) == 2 * MAX_ENTRIES) {
        throw NOT_SIMPLE;
      }
      at = line + column;
    }
    depth--;
    return stack.mapping(base);
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
    if (++depth > MAX_DEPTH) {
      throw NOT_SIMPLE;
    }
    int base = stack.mark();
    while (true) {
      int dash = line + column;
      int lineEnd = lineEnd(dash);
      int content = skipSpaces(dash + 1, lineEnd);
      if (content == lineEnd || isEntry(content)) {
        throw NOT_SIMPLE;
      }
      if (isKey(content, lineEnd)) {
        stack.push(mapping(content - line, content));
      } else {
        line = nextLine(lineEnd);
        stack.push(inline(content, lineEnd, column));
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
    depth--;
    return stack.sequence(base);
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
      value = stack.pop();
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
    int base = stack.mark();
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
          stack.push(key(i, keyEnd, base));
          i = skipSpaces(keyEnd + 1, lineEnd);
        }
        i = skipSpaces(flowScalar(i, lineEnd), lineEnd);
        if (i == lineEnd || (mapping && stack.collected(base) == 2 * MAX_ENTRIES)) {
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
    stack.push(mapping ? stack.mapping(base) : stack.sequence(base));
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
      stack.push(text.substring(at + 1, after - 1));
      return after;
    }
    int after = flowPlainEnd(at, lineEnd);
    stack.push(plain(at, after));
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

  /** A plain scalar, resolved and constructed as the engine's schema does. */
  private Object plain(int from, int to) {
    Object value = DirectTree.scalar(text.substring(from, to), true, ScalarStyle.PLAIN);
    if (value == DirectTree.ENGINE) {
      throw NOT_SIMPLE;
    }
    return value;
  }

  /** The key from {@code from} to {@code to}, new in the mapping whose entries start at {@code base}. */
  private String key(int from, int to, int base) {
    String key = key(from, to);
    if (stack.hasKey(base, key)) {
      throw NOT_SIMPLE;
    }
    return key;
  }
}
