package io.clusterdns.plugin.kubernetes.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
  @TempDir Path dir;
  private final ManifestReader reader = new ManifestReader(Runnable::run, 1, ManifestChunks.CHUNK_CHARS);

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
    ManifestException e = assertThrows(ManifestException.class, () -> reader.read(file, Collectors.toList()));
    assertEquals(file + ":10: while scanning a simple key; could not find expected ':'", e.getMessage());
  }

  @Test
  void typeErrorNamesTheFieldPath() throws Exception {
    Path file = Files.writeString(dir.resolve("x.yaml"),
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: eighty\n");
    ManifestException e = assertThrows(ManifestException.class, () -> reader.read(file, Collectors.toList()));
    assertEquals(file + ":7: Service spec.ports[0].port: expected an integer, not \"eighty\"", e.getMessage());
  }

  @Test
  void listsAreFlattenedAndCommentOnlyOrUnusedDocumentsSkipped() throws Exception {
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
        - apiVersion: discovery.k8s.io/v1beta1
          kind: EndpointSlice
          metadata:
            name: old
        ---
        metadata:
          name: no-kind
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: s
        """);
    List<String> kinds = reader.read(file, Collectors.toList()).stream().map(HasMetadata::getKind).toList();
    assertEquals(List.of("Namespace", "EndpointSlice"), kinds);
  }

  @Test
  void typedListItemsTakeTheListsKindWhenTheyLeaveItOut() throws Exception {
    Path file = Files.writeString(dir.resolve("x.yaml"), """
        apiVersion: v1
        kind: ServiceList
        items:
        - metadata:
            name: a
        - metadata:
            name: b
        """);
    List<HasMetadata> objects = reader.read(file, Collectors.toList());
    assertEquals(List.of("Service", "Service"), objects.stream().map(HasMetadata::getKind).toList());
    assertEquals(List.of("a", "b"), objects.stream().map(o -> o.getMetadata().getName()).toList());
  }

  @Test
  void aLargeFileReadInParallelGivesWhatOneThreadGives() throws Exception {
    String yaml = GeneratedManifests.cluster(400, 5);
    // A Service again at the end: the later one wins, whichever chunk either is in.
    String again = "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-0\n  namespace: ns-0\n"
        + "spec:\n  clusterIP: 10.96.200.200\n";
    Path file = Files.writeString(dir.resolve("big.yaml"), yaml + again);
    int chunkChars = 4096;
    assertTrue(yaml.length() > 20 * chunkChars, "many chunks: " + yaml.length());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      ClusterObjects parallel =
          new ManifestReader(pool, 2, chunkChars).read(file, ManifestConversion.collector(file, false));
      ClusterObjects sequential = reader.read(file, ManifestConversion.collector(file, false));
      assertEquals(sequential, parallel);
      assertEquals(400, parallel.services.size());
      assertEquals(100, parallel.slices.size());
      assertEquals("[/10.96.200.200]", parallel.services.get("ns-0/svc-0").clusterIps().toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anErrorInALateChunkNamesItsLineInTheFile() throws Exception {
    String yaml = GeneratedManifests.cluster(300, 5);
    long lines = yaml.lines().count();
    Path file = Files.writeString(dir.resolve("big.yaml"), yaml + "---\nkind: Service\nmetadata:\n  name: [x\n");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      ManifestException e = assertThrows(ManifestException.class,
          () -> new ManifestReader(pool, 2, 4096).read(file, Collectors.toList()));
      assertEquals(file + ":" + (lines + 4) + ": while parsing a flow sequence; expected ',' or ']', but got"
          + " <stream end>", e.getMessage().replaceAll(" in reader, line \\d+.*", ""));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void jsonSyntaxErrorNamesTheLineInTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("x.json"), "{\"apiVersion\": \"v1\",\n \"kind\": }\n");
    ManifestException e = assertThrows(ManifestException.class, () -> reader.read(file, Collectors.toList()));
    assertEquals(file + ":2", e.getMessage().substring(0, file.toString().length() + 2));
  }
}
