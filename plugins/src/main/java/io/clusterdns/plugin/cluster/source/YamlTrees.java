package io.clusterdns.plugin.cluster.source;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.StreamEndEvent;
import org.snakeyaml.engine.v2.events.StreamStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;

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
  static final LoadSettings SETTINGS = LoadSettings.builder().build();
  /** Without the position of every token, which costs about a tenth of the parse. */
  private static final LoadSettings UNMARKED = LoadSettings.builder().setUseMarks(false).build();

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
    DirectTree direct = new DirectTree(document);
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
  private static Object tree(DirectTree direct, List<Event> document) {
    Object root = direct.root();
    if (root != DirectTree.ENGINE) {
      return root;
    }
    Optional<Node> node = new Composer(SETTINGS, new Replay(document)).getSingleNode();
    return new StandardConstructor(SETTINGS).constructSingleDocument(node);
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
