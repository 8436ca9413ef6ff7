package io.clusterdns.plugin.cluster.source;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Builds one document's tree straight from its events for the simple constructs (untagged
 * mappings, sequences and scalars, no anchors), or returns {@link #ENGINE} for what only the
 * engine's composer handles; scalars resolve as the engine's JSON schema resolves them.
 */
final class DirectTree {
  /** What the direct build returns for a construct only the engine handles. */
  static final Object ENGINE = new Object();
  private static final ScalarResolver RESOLVER = YamlTrees.SETTINGS.getSchema().getScalarResolver();
  private static final Map<Tag, ConstructNode> SCALARS =
      YamlTrees.SETTINGS.getSchema().getSchemaTagConstructors();
  /** The first characters for which the engine's JSON-schema resolver has expressions. */
  private static final String RESOLVED_FIRST = "tfn-0123456789.$\0";
  /** Any integer of this many characters, a sign included, is an {@code int}. */
  private static final int MAX_INT_DIGITS = 9;

  /**
   * The engine's JSON-schema resolution of an untagged scalar. Its resolver tries regular
   * expressions chosen by the first character (null, booleans, numbers and {@code ${ENV}}
   * start with one of {@link #RESOLVED_FIRST}, or are empty); every other plain scalar, and
   * every quoted one, is a string, which is said here without a regular expression: names are
   * most of a manifest's scalars.
   */
  static Tag resolve(String value, boolean plain) {
    if (!plain || (!value.isEmpty() && RESOLVED_FIRST.indexOf(value.charAt(0)) < 0)) {
      return Tag.STR;
    }
    // Ports, addresses and flags are most of the rest. Only the boolean expression is tried for a
    // value starting with 't' or 'f', only the null one for 'n'; the first one tried for a digit
    // or '-' is the integer one; and none of the expressions takes a second dot.
    char first = value.isEmpty() ? 0 : value.charAt(0);
    if (first == 't' || first == 'f') {
      return value.equals("true") || value.equals("false") ? Tag.BOOL : Tag.STR;
    }
    if (first == 'n') {
      return value.equals("null") ? Tag.NULL : Tag.STR;
    }
    if (isInteger(value)) {
      return Tag.INT;
    }
    int dot = value.indexOf('.');
    if (dot >= 0 && value.indexOf('.', dot + 1) >= 0) {
      return Tag.STR;
    }
    return RESOLVER.resolve(value, true);
  }

  /** As the engine's JSON-schema integer expression {@code -?(0|[1-9][0-9]*)}. */
  private static boolean isInteger(String value) {
    int start = value.startsWith("-") ? 1 : 0;
    if (value.length() == start || value.charAt(start) < '0' || value.charAt(start) > '9') {
      return false;
    }
    if (value.charAt(start) == '0') {
      return value.length() == start + 1;
    }
    for (int i = start + 1; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The document being built, {@code DocumentStart} first; the builder is reused for each. */
  private final List<Event> events;
  private int next;

  DirectTree(List<Event> events) {
    this.events = events;
  }

  /** The tree of the document now in the event list. */
  Object root() {
    next = 1;
    pop(0);
    return node();
  }

  Object node() {
    Event event = events.get(next++);
    if (event instanceof NodeEvent node && node.getAnchor().isPresent()) {
      return ENGINE;
    }
    return switch (event.getEventId()) {
      case Scalar -> scalar((ScalarEvent) event);
      case MappingStart -> untagged(event) ? mapping() : ENGINE;
      case SequenceStart -> untagged(event) ? sequence() : ENGINE;
      default -> ENGINE;
    };
  }

  private static boolean untagged(Event event) {
    return ((CollectionStartEvent) event).getTag().isEmpty();
  }

  /** As the engine's composer resolves an untagged scalar and its JSON schema constructs it. */
  private static Object scalar(ScalarEvent event) {
    if (event.getTag().isPresent()) {
      return ENGINE;
    }
    String value = event.getValue();
    Tag tag = resolve(value, event.getImplicit().canOmitTagInPlainScalar());
    if (tag.equals(Tag.STR)) {
      return value;
    }
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.valueOf(value);
    }
    if (tag.equals(Tag.INT) && value.length() <= MAX_INT_DIGITS) {
      // What the engine's integer constructor makes of a number this short, without its detour.
      return Integer.valueOf(value);
    }
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL)) {
      return SCALARS.get(tag).construct(new ScalarNode(tag, value, event.getScalarStyle()));
    }
    return ENGINE;
  }

  /**
   * Keys and values of the mappings and items of the sequences being built, innermost last: a
   * node is collected here and then copied once into a container of its exact size.
   */
  private Object[] stack = new Object[64];
  private int top;

  private Object mapping() {
    int base = top;
    Set<Object> seen = null;
    while (events.get(next).getEventId() != Event.ID.MappingEnd) {
      Event keyEvent = events.get(next++);
      if (!(keyEvent instanceof ScalarEvent scalarKey) || scalarKey.getAnchor().isPresent()) {
        return ENGINE;
      }
      Object key = scalar(scalarKey);
      if (!(key instanceof String)) {
        return ENGINE;
      }
      if (top - base == 2 * SmallMap.MAX_ENTRIES) {
        // A large mapping: its keys are checked by hash from here on, not by search.
        seen = new HashSet<>();
        for (int i = base; i < top; i += 2) {
          seen.add(stack[i]);
        }
      }
      if (seen != null ? !seen.add(key) : written(base, key)) {
        return ENGINE;
      }
      push(key);
      Object value = node();
      if (value == ENGINE) {
        return ENGINE;
      }
      push(value);
    }
    next++;
    int entries = (top - base) / 2;
    Object map;
    if (entries <= SmallMap.MAX_ENTRIES) {
      map = new SmallMap(Arrays.copyOfRange(stack, base, top));
    } else {
      Map<Object, Object> large = new LinkedHashMap<>(entries * 4 / 3 + 1);
      for (int i = base; i < top; i += 2) {
        large.put(stack[i], stack[i + 1]);
      }
      map = large;
    }
    pop(base);
    return map;
  }

  /** Whether the mapping whose entries start at {@code base} already has {@code key}. */
  private boolean written(int base, Object key) {
    for (int i = base; i < top; i += 2) {
      if (stack[i].equals(key)) {
        return true;
      }
    }
    return false;
  }

  private Object sequence() {
    int base = top;
    while (events.get(next).getEventId() != Event.ID.SequenceEnd) {
      Object item = node();
      if (item == ENGINE) {
        return ENGINE;
      }
      push(item);
    }
    next++;
    List<Object> list = Arrays.asList(Arrays.copyOfRange(stack, base, top));
    pop(base);
    return list;
  }

  private void push(Object value) {
    if (top == stack.length) {
      stack = Arrays.copyOf(stack, 2 * top);
    }
    stack[top++] = value;
  }

  /** Drops what was pushed since {@code base}, so that the stack holds on to no tree. */
  private void pop(int base) {
    Arrays.fill(stack, base, top, null);
    top = base;
  }
}
