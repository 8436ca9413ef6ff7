package io.clusterdns.plugin.kubernetes.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.StreamEndEvent;
import org.snakeyaml.engine.v2.events.StreamStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * The documents of a YAML stream as plain trees (maps, lists, strings, numbers, booleans, nulls),
 * equal to what snakeyaml-engine's {@code Load} with default settings makes of each document, in
 * about half its time. A document of untagged mappings with string keys, sequences and scalars
 * (nearly every manifest) is built straight from the parser's events; one with anchors, aliases,
 * tags, keys that are not strings or a key twice is composed and constructed by the engine, which
 * knows these (and rejects the repeated key) — composing to nodes first and keeping every node
 * in an identity map is what makes {@code Load} slow.
 */
final class YamlTrees {
  private static final LoadSettings SETTINGS = LoadSettings.builder().build();
  /** Without the position of every token, which costs about a tenth of the parse. */
  private static final LoadSettings UNMARKED = LoadSettings.builder().setUseMarks(false).build();
  private static final ScalarResolver RESOLVER = SETTINGS.getSchema().getScalarResolver();
  private static final Map<Tag, ConstructNode> SCALARS = SETTINGS.getSchema().getSchemaTagConstructors();
  /** The first characters for which the engine's JSON-schema resolver has expressions. */
  private static final String RESOLVED_FIRST = "tfn-0123456789.$\0";
  /** Any integer of this many characters, a sign included, is an {@code int}. */
  private static final int MAX_INT_DIGITS = 9;
  /** What the direct build returns for a construct only the engine handles. */
  private static final Object ENGINE = new Object();

  private YamlTrees() {}

  /** Takes each document of the stream in order. */
  interface Sink {
    /**
     * @param root the document's tree; null for an empty document
     * @param line the line of the stream, from 1, where the document's content starts
     * @param lines where the document's fields are, when the stream is parsed with marks
     * @throws Problem to stop the parse with a problem placed by {@code lines}
     */
    void document(Object root, int line, Lines lines) throws Problem;
  }

  /** The line of a field of one document. */
  interface Lines {
    /**
     * The line, from 1, of the value at {@code path} (map keys and list indexes from the root),
     * or of the nearest node on the way there that can be found; without marks, 1.
     */
    int of(List<Object> path);
  }

  /** What went wrong in the stream, and on which of its lines (from 1). */
  static final class Problem extends Exception {
    private final int line;

    Problem(int line, RuntimeException cause) {
      super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
      this.line = line;
    }

    int line() {
      return line;
    }
  }

  /**
   * Parses {@code text}, a stream of YAML documents. A problem of the YAML or one the sink throws
   * stops the parse; its line is where the parser saw it, else where the document starts. Without
   * {@code marks}, lines are not known: every line is 1.
   */
  static void parse(String text, boolean marks, Sink sink) throws Problem {
    List<Event> document = new ArrayList<>();
    Direct direct = new Direct(document);
    int line = 1;
    try {
      Iterator<Event> events = new Parse(marks ? SETTINGS : UNMARKED).parseString(text).iterator();
      while (events.hasNext()) {
        Event event = events.next();
        switch (event.getEventId()) {
          case StreamStart, StreamEnd -> { }
          case DocumentStart -> {
            document.clear();
            document.add(event);
            line = lineOf(event, line);
          }
          case DocumentEnd -> {
            document.add(event);
            line = lineOf(document.get(1), line);
            int start = line;
            sink.document(tree(direct, document), line, path -> lineOf(document, path, start));
          }
          default -> document.add(event);
        }
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getContextMark().or(e::getProblemMark);
      throw new Problem(mark.map(m -> m.getLine() + 1).orElse(line), e);
    } catch (RuntimeException e) {
      throw new Problem(line, e);
    }
  }

  private static int lineOf(Event event, int otherwise) {
    return event.getStartMark().map(m -> m.getLine() + 1).orElse(otherwise);
  }

  /**
   * Follows {@code path} through one document's events ({@code DocumentStart} first) to the
   * line of its value. A step that cannot be followed (an alias, a key not written as a plain
   * string, an index past the end) stops at the node reached so far.
   */
  private static int lineOf(List<Event> document, List<Object> path, int otherwise) {
    int node = 1;
    int line = lineOf(document.get(node), otherwise);
    for (Object step : path) {
      Event event = document.get(node);
      int next = -1;
      if (event.getEventId() == Event.ID.MappingStart && step instanceof String key) {
        for (int at = node + 1; document.get(at).getEventId() != Event.ID.MappingEnd; ) {
          int value = after(document, at);
          if (document.get(at) instanceof ScalarEvent scalar && scalar.getValue().equals(key)) {
            next = value;
            break;
          }
          at = after(document, value);
        }
      } else if (event.getEventId() == Event.ID.SequenceStart && step instanceof Integer index) {
        int at = node + 1;
        for (int i = 0; i < index && document.get(at).getEventId() != Event.ID.SequenceEnd; i++) {
          at = after(document, at);
        }
        next = document.get(at).getEventId() == Event.ID.SequenceEnd ? -1 : at;
      }
      if (next < 0) {
        return line;
      }
      node = next;
      line = lineOf(document.get(node), line);
    }
    return line;
  }

  /** The index of the event after the node that starts at {@code at}, with all of its content. */
  private static int after(List<Event> events, int at) {
    int depth = 0;
    do {
      switch (events.get(at++).getEventId()) {
        case MappingStart, SequenceStart -> depth++;
        case MappingEnd, SequenceEnd -> depth--;
        default -> { }
      }
    } while (depth > 0);
    return at;
  }

  /** One document's tree from its events, {@code DocumentStart} to {@code DocumentEnd}. */
  private static Object tree(Direct direct, List<Event> document) {
    Object root = direct.root();
    if (root != ENGINE) {
      return root;
    }
    Optional<Node> node = new Composer(SETTINGS, new Replay(document)).getSingleNode();
    return new StandardConstructor(SETTINGS).constructSingleDocument(node);
  }

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

  /** Builds a tree from the events of the simple constructs, or returns {@link #ENGINE}. */
  private static final class Direct {
    /** The document being built, {@code DocumentStart} first; the builder is reused for each. */
    private final List<Event> events;
    private int next;

    Direct(List<Event> events) {
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

  /** The events of one document again, as a stream of its own, for the engine's composer. */
  private static final class Replay implements Parser {
    private final List<Event> events = new ArrayList<>();
    private int next;

    Replay(List<Event> document) {
      events.add(new StreamStartEvent());
      events.addAll(document);
      events.add(new StreamEndEvent());
    }

    @Override
    public boolean checkEvent(Event.ID id) {
      return hasNext() && events.get(next).getEventId() == id;
    }

    @Override
    public Event peekEvent() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more events");
      }
      return events.get(next);
    }

    @Override
    public Event next() {
      Event event = peekEvent();
      next++;
      return event;
    }

    @Override
    public boolean hasNext() {
      return next < events.size();
    }
  }
}
