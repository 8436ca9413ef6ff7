package io.clusterdns.plugin.kubernetes.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
  @TempDir Path dir;
  private final ManifestReader reader = new ManifestReader();

  @Test
  void syntaxErrorNamesTheLineInTheFileAndWhatIsWrong() throws Exception {
    Path file = Files.writeString(dir.resolve("x.yaml"), """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: a
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: b
          bad indent
        """);
    ManifestException e = assertThrows(ManifestException.class, () -> reader.read(file));
    assertEquals(file + ":10: while scanning a simple key; could not find expected ':'", e.getMessage());
  }

  @Test
  void typeErrorNamesTheFieldPath() throws Exception {
    Path file = Files.writeString(dir.resolve("x.yaml"),
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: eighty\n");
    ManifestException e = assertThrows(ManifestException.class, () -> reader.read(file));
    assertEquals(
        file + ":1: Cannot deserialize value of type `Integer` from String \"eighty\": not a valid"
            + " `Integer` value; (through reference chain: Service[\"spec\"]->ServiceSpec[\"ports\"]"
            + "->ArrayList[0]->ServicePort[\"port\"])",
        e.getMessage());
  }

  @Test
  void listsAreFlattenedAndCommentOnlyOrUnknownDocumentsSkipped() throws Exception {
    Path file = Files.writeString(dir.resolve("x.yaml"), """
        # only a comment
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Namespace
          metadata:
            name: a
        - apiVersion: example.com/v1
          kind: Widget
          metadata:
            name: w
        ---
        metadata:
          name: no-kind
        """);
    List<String> kinds = reader.read(file).stream().map(HasMetadata::getKind).toList();
    assertEquals(List.of("Namespace", "Widget"), kinds);
  }
}
