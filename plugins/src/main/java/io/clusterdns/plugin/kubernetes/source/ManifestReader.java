package io.clusterdns.plugin.kubernetes.source;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Kubernetes objects of one YAML or JSON file: one or more YAML documents separated by
 * {@code ---}, a JSON object, or a {@code kind: List}. Documents are parsed one by one so that an
 * error names the line in the file, not in the document.
 */
final class ManifestReader {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestReader.class);
  private static final Pattern SEPARATOR = Pattern.compile("^---(\\s.*)?$");
  private static final Pattern LINE = Pattern.compile("line (\\d+)");

  private final KubernetesSerialization serialization = new KubernetesSerialization();

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
    Object parsed;
    try {
      parsed = serialization.unmarshal(document);
    } catch (RuntimeException e) {
      throw problem(file, firstLine, e);
    }
    collect(file, parsed, into);
  }

  private static void collect(Path file, Object parsed, List<HasMetadata> into) {
    if (parsed instanceof KubernetesResourceList<?> list) {
      for (Object item : list.getItems()) {
        collect(file, item, into);
      }
    } else if (parsed instanceof HasMetadata object && object.getKind() != null) {
      into.add(object);
    } else if (parsed != null) {
      LOG.debug("{}: ignoring a document that is not a Kubernetes object", file);
    }
  }

  private static ManifestException problem(Path file, int firstLine, RuntimeException e) {
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
