package io.clusterdns.plugin.cluster.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Kubernetes objects DNS uses from one YAML or JSON file: one or more YAML documents
 * separated by {@code ---}, a JSON object, or a list ({@code kind: List} or a typed list such as
 * {@code ServiceList}). An error names the line in the file.
 *
 * <p>The file is read as a stream of chunks of whole documents ({@link ManifestChunks}); the
 * chunks are parsed and collected on the executor, a few at a time, and the results combined in
 * file order, so a large file parses on every core and its text is never held whole. Each
 * document is parsed to a plain tree ({@link YamlTrees}) and only the kinds of {@link
 * ManifestKinds} are bound, by hand, to their model classes; a field DNS reads that holds the
 * wrong type is reported with its path and line.
 */
final class ManifestReader {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestReader.class);
  /** Where Jackson's message places a JSON syntax error. */
  private static final Pattern JSON_LINE = Pattern.compile("line: (\\d+)");
  private static final String LIST_SUFFIX = "List";
  private static final String ITEMS = "items";

  /** Parses JSON documents to trees; objects are bound by hand, as YAML ones are. */
  private final ObjectMapper mapper = JsonMapper.builder().build();
  private final Executor executor;
  private final int chunksInFlight;
  private final int chunkChars;
  private final BiFunction<Map<?, ?>, ManifestKinds.Kind, HasMetadata> binding;

  /**
   * @param executor parses chunks; {@code Runnable::run} parses them one after the other on the
   *     reading thread
   * @param chunksInFlight how many chunks may be read ahead of the oldest unfinished one
   * @param chunkChars a chunk ends at the first document end after this many characters
   */
  ManifestReader(Executor executor, int chunksInFlight, int chunkChars) {
    this(executor, chunksInFlight, chunkChars, (object, kind) -> kind.bind().apply(object));
  }

  /** A reader that binds each object with {@code binding}: tests compare bindings through it. */
  ManifestReader(Executor executor, int chunksInFlight, int chunkChars,
      BiFunction<Map<?, ?>, ManifestKinds.Kind, HasMetadata> binding) {
    this.executor = executor;
    this.chunksInFlight = chunksInFlight;
    this.chunkChars = chunkChars;
    this.binding = binding;
  }

  /**
   * The objects of {@code file} collected by {@code collector}: one container per chunk,
   * combined in file order (the combiner's left side comes first in the file).
   */
  <A, R> R read(Path file, Collector<HasMetadata, A, R> collector) throws ManifestException {
    Deque<CompletableFuture<A>> parsing = new ArrayDeque<>();
    A result = collector.supplier().get();
    try (Reader reader = Files.newBufferedReader(file)) {
      ManifestChunks chunks = new ManifestChunks(reader, chunkChars);
      for (ManifestChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
        ManifestChunks.Chunk parsed = chunk;
        parsing.add(CompletableFuture.supplyAsync(() -> parse(file, parsed, collector), executor));
        if (parsing.size() > chunksInFlight) {
          result = collector.combiner().apply(result, join(parsing.poll()));
        }
      }
    } catch (IOException e) {
      parsing.forEach(f -> f.cancel(false));
      throw new ManifestException(file, 0, "cannot read: " + e);
    } catch (ManifestException e) {
      parsing.forEach(f -> f.cancel(false));
      throw e;
    }
    while (!parsing.isEmpty()) {
      result = collector.combiner().apply(result, join(parsing.poll()));
    }
    return collector.finisher().apply(result);
  }

  private static <A> A join(CompletableFuture<A> chunk) throws ManifestException {
    try {
      return chunk.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ChunkFailure failure) {
        throw failure.problem;
      }
      throw e;
    }
  }

  /** One chunk's objects in a container of their own; runs on the executor. */
  private <A> A parse(Path file, ManifestChunks.Chunk chunk, Collector<HasMetadata, A, ?> collector) {
    if (chunk.json()) {
      A objects = collector.supplier().get();
      parseJson(file, chunk, object -> collector.accumulator().accept(objects, object));
      return objects;
    }
    try {
      return parseYaml(file, chunk, false, collector);
    } catch (YamlTrees.Problem unplaced) {
      // Parsed without token positions, the problem has no line: parsing again with them finds it.
      try {
        return parseYaml(file, chunk, true, collector);
      } catch (YamlTrees.Problem e) {
        throw new ChunkFailure(problem(file, chunk.firstLine() + e.line() - 1, e));
      }
    }
  }

  private <A> A parseYaml(Path file, ManifestChunks.Chunk chunk, boolean marks,
      Collector<HasMetadata, A, ?> collector) throws YamlTrees.Problem {
    A objects = collector.supplier().get();
    Consumer<HasMetadata> into = object -> collector.accumulator().accept(objects, object);
    YamlTrees.parse(chunk.text(), marks, (root, line, lines) -> {
      try {
        collect(file, root, null, into);
      } catch (FieldException e) {
        throw new YamlTrees.Problem(lines.of(e.path()), e);
      }
    });
    return objects;
  }

  private void parseJson(Path file, ManifestChunks.Chunk chunk, Consumer<HasMetadata> into) {
    Object tree;
    try {
      tree = mapper.readValue(chunk.text(), Object.class);
    } catch (IOException e) {
      Matcher at = JSON_LINE.matcher(String.valueOf(e.getMessage()));
      int line = at.find() ? Math.max(1, Integer.parseInt(at.group(1))) : 1;
      throw new ChunkFailure(problem(file, chunk.firstLine() + line - 1, e));
    }
    try {
      collect(file, tree, null, into);
    } catch (RuntimeException e) {
      throw new ChunkFailure(problem(file, chunk.firstLine(), e));
    }
  }

  /**
   * Binds one object, or each item of a list. {@code itemDefaults} gives the apiVersion and kind
   * of a typed list's items, which {@code kubectl} leaves out of them.
   */
  private void collect(Path file, Object parsed, Map<String, String> itemDefaults,
      Consumer<HasMetadata> into) {
    if (!(parsed instanceof Map<?, ?> fields)) {
      if (parsed != null) {
        LOG.debug("{}: ignoring a document that is not a Kubernetes object", file);
      }
      return;
    }
    Map<?, ?> object = fields;
    if (itemDefaults != null) {
      Map<Object, Object> withDefaults = new LinkedHashMap<>(fields);
      itemDefaults.forEach(withDefaults::putIfAbsent);
      object = withDefaults;
    }
    String apiVersion = String.valueOf(object.get("apiVersion"));
    String kind = String.valueOf(object.get("kind"));
    if (object.get(ITEMS) instanceof List<?> items && kind.endsWith(LIST_SUFFIX)) {
      String itemKind = kind.substring(0, kind.length() - LIST_SUFFIX.length());
      Map<String, String> defaults =
          itemKind.isEmpty() ? null : Map.of("apiVersion", apiVersion, "kind", itemKind);
      for (int i = 0; i < items.size(); i++) {
        try {
          collect(file, items.get(i), defaults, into);
        } catch (FieldException e) {
          throw e.within(i).within(ITEMS);
        }
      }
      return;
    }
    ManifestKinds.Kind type = ManifestKinds.of(apiVersion, kind);
    if (type == null) {
      LOG.debug("{}: ignoring {} {}", file, apiVersion, kind);
      return;
    }
    HasMetadata bound;
    try {
      bound = binding.apply(object, type);
    } catch (FieldException e) {
      throw e.inKind(type.name());
    }
    into.accept(bound);
  }

  private static ManifestException problem(Path file, int line, Exception e) {
    if (e instanceof FieldException || e.getCause() instanceof FieldException) {
      // Already one line, made here; a value quoted in it must not be shortened as Java names are.
      return new ManifestException(file, line, e.getMessage());
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return new ManifestException(file, line, describe(message));
  }

  /**
   * The parser's message on one line, without the source excerpts and caret lines the YAML
   * parser adds (the line number already points there) and without Java package names.
   */
  static String describe(String message) {
    List<String> kept = new ArrayList<>();
    String[] lines = message.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.startsWith("in reader,")) {
        i++;
      } else if (!line.isEmpty() && !line.equals("^")) {
        kept.add(
            line.replace("at [Source: UNKNOWN; byte offset: #UNKNOWN] ", "")
                .replaceAll("\\b(?:[a-z0-9]+\\.)+(?=[A-Z])", ""));
      }
    }
    return String.join("; ", kept);
  }

  /** Carries a chunk's {@link ManifestException} out of the executor. */
  private static final class ChunkFailure extends RuntimeException {
    final ManifestException problem;

    ChunkFailure(ManifestException problem) {
      super(problem.getMessage(), problem, false, false);
      this.problem = problem;
    }
  }
}
