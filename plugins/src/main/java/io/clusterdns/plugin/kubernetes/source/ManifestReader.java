package io.clusterdns.plugin.kubernetes.source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TLSRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads the Kubernetes objects DNS uses from one YAML or JSON file: one or more YAML documents
 * separated by {@code ---}, a JSON object, or a list ({@code kind: List} or a typed list such as
 * {@code ServiceList}). Documents are parsed one by one so that an error names the line in the
 * file, not in the document.
 *
 * <p>Each document is parsed to a plain tree first and only the kinds in {@link #KINDS} are bound
 * to their model classes; resolving every kind through the client's model registry would load
 * well over a thousand classes at start-up for objects DNS ignores anyway.
 */
final class ManifestReader {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestReader.class);
  private static final Pattern SEPARATOR = Pattern.compile("^---(\\s.*)?$");
  private static final Pattern LINE = Pattern.compile("line:? (\\d+)");
  private static final String CORE = "v1";
  private static final String LIST_SUFFIX = "List";
  private static final String GATEWAY_API = "gateway.networking.k8s.io/";
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.ofEntries(
          Map.entry(CORE + "/Service", Service.class),
          Map.entry(CORE + "/Endpoints", Endpoints.class),
          Map.entry(CORE + "/Namespace", Namespace.class),
          Map.entry(CORE + "/Pod", Pod.class),
          Map.entry("discovery.k8s.io/v1/EndpointSlice", EndpointSlice.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry(GATEWAY_API + "v1/Gateway", Gateway.class),
          Map.entry(GATEWAY_API + "v1/HTTPRoute", HTTPRoute.class),
          Map.entry(GATEWAY_API + "v1/GRPCRoute", GRPCRoute.class),
          Map.entry(GATEWAY_API + "v1alpha2/TLSRoute", TLSRoute.class));

  private final ObjectMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  List<HasMetadata> read(Path file) throws ManifestException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ManifestException(file, 0, "cannot read: " + e);
    }
    List<HasMetadata> objects = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    StringBuilder document = new StringBuilder();
    int documentStart = 1;
    for (int i = 0; i < lines.length; i++) {
      if (SEPARATOR.matcher(lines[i]).matches()) {
        parse(file, document.toString(), documentStart, objects);
        document.setLength(0);
        documentStart = i + 2;
      } else {
        document.append(lines[i]).append('\n');
      }
    }
    parse(file, document.toString(), documentStart, objects);
    return objects;
  }

  private void parse(Path file, String document, int firstLine, List<HasMetadata> into)
      throws ManifestException {
    if (document.isBlank()) {
      return;
    }
    try {
      collect(file, tree(document), null, into);
    } catch (RuntimeException | IOException e) {
      throw problem(file, firstLine, e);
    }
  }

  /** JSON goes to the JSON parser, whose messages are the clearer ones for JSON mistakes. */
  private Object tree(String document) throws IOException {
    char first = document.strip().charAt(0);
    if (first == '{' || first == '[') {
      return mapper.readValue(document, Object.class);
    }
    return new Load(LoadSettings.builder().build()).loadFromString(document);
  }

  /**
   * Binds one object, or each item of a list. {@code itemDefaults} gives the apiVersion and kind
   * of a typed list's items, which {@code kubectl} leaves out of them.
   */
  private void collect(Path file, Object parsed, Map<String, String> itemDefaults,
      List<HasMetadata> into) {
    if (!(parsed instanceof Map<?, ?> fields)) {
      if (parsed != null) {
        LOG.debug("{}: ignoring a document that is not a Kubernetes object", file);
      }
      return;
    }
    Map<Object, Object> object = new LinkedHashMap<>(fields);
    if (itemDefaults != null) {
      itemDefaults.forEach(object::putIfAbsent);
    }
    String apiVersion = String.valueOf(object.get("apiVersion"));
    String kind = String.valueOf(object.get("kind"));
    if (object.get("items") instanceof List<?> items && kind.endsWith(LIST_SUFFIX)) {
      String itemKind = kind.substring(0, kind.length() - LIST_SUFFIX.length());
      Map<String, String> defaults =
          itemKind.isEmpty() ? null : Map.of("apiVersion", apiVersion, "kind", itemKind);
      for (Object item : items) {
        collect(file, item, defaults, into);
      }
      return;
    }
    Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
    if (type == null) {
      LOG.debug("{}: ignoring {} {}", file, apiVersion, kind);
      return;
    }
    into.add(mapper.convertValue(object, type));
  }

  private static ManifestException problem(Path file, int firstLine, Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    Matcher line = LINE.matcher(message);
    int at = line.find() ? firstLine + Integer.parseInt(line.group(1)) - 1 : firstLine;
    return new ManifestException(file, at, describe(message));
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
}
