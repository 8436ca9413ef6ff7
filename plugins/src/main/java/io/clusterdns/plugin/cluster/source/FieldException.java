package io.clusterdns.plugin.cluster.source;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A field of a manifest object that does not hold what DNS reads from it, with the path to the
 * field inside its document ({@code spec.ports[0].port}): keys and list indexes, outermost first,
 * so that the reader can also find the field's line. The path grows as the exception leaves each
 * nested object, which costs nothing while objects bind.
 */
final class FieldException extends RuntimeException {
  private static final int SHOWN_CHARS = 40;
  private final Deque<Object> path = new ArrayDeque<>();
  private final String problem;
  private String kind;

  /**
   * @param keyOrIndex the key of the field in the object being read (a String), or the index
   *     of the item in the list being read (an Integer)
   * @param problem what is wrong with its value
   */
  FieldException(Object keyOrIndex, String problem) {
    super(null, null, false, false);
    this.path.add(keyOrIndex);
    this.problem = problem;
  }

  /** A field or item that needs {@code expected} ("an integer") and holds {@code value}. */
  static FieldException expected(Object keyOrIndex, String expected, Object value) {
    return new FieldException(keyOrIndex, "expected " + expected + ", not " + describe(value));
  }

  /** The same problem, seen from the object that holds {@code key} (a String) or index (an Integer). */
  FieldException within(Object keyOrIndex) {
    path.addFirst(keyOrIndex);
    return this;
  }

  /** The same problem, in an object of {@code kind}; the innermost kind named is kept. */
  FieldException inKind(String kind) {
    if (this.kind == null) {
      this.kind = kind;
    }
    return this;
  }

  /** Keys (String) and list indexes (Integer), from the document's root to the field. */
  List<Object> path() {
    return List.copyOf(path);
  }

  /** The field's path as written in Kubernetes documentation, e.g. {@code spec.ports[0].port}. */
  String field() {
    StringBuilder text = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer index) {
        text.append('[').append(index).append(']');
      } else {
        text.append(text.isEmpty() ? "" : ".").append(step);
      }
    }
    return text.toString();
  }

  @Override
  public String getMessage() {
    return (kind == null ? "" : kind + " ") + field() + ": " + problem;
  }

  /** A value as a reader recognises it in the file: a short quoted string, a number, a kind of node. */
  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return text.length() <= SHOWN_CHARS
          ? '"' + text + '"'
          : '"' + text.substring(0, SHOWN_CHARS) + "…\"";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof Collection<?>) {
      return "a list";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return "a " + value.getClass().getSimpleName();
  }
}
