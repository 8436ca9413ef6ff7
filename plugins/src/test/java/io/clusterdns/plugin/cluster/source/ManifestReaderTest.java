package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.ServiceInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  void aFieldOfTheWrongTypeIsNamedWithItsPathAndLine() throws Exception {
    String service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n";
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(service + "spec:\n  clusterIPs:\n  - 10.96.0.1\n  - [1]\n",
        ":8: Service spec.clusterIPs[1]: expected a string, not a list");
    cases.put(service + "spec:\n  ports: [5]\n", ":6: Service spec.ports[0]: expected a mapping, not 5");
    cases.put(service + "spec:\n  ports: {port: 80}\n", ":6: Service spec.ports: expected a list, not a mapping");
    cases.put(service + "spec:\n  publishNotReadyAddresses: [true]\n",
        ":6: Service spec.publishNotReadyAddresses: expected true or false, not a list");
    cases.put(service + "spec: none\n", ":5: Service spec: expected a mapping, not \"none\"");
    cases.put("apiVersion: v1\nkind: Service\nspec: {}\n",
        ":1: Service metadata: missing; Service needs metadata.name");
    cases.put("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: {a: b}\n",
        ":6: Pod metadata.labels.app: expected a string, not a mapping");
    cases.put("apiVersion: v1\nkind: ServiceList\nitems:\n- metadata: {name: a}\n- metadata: {name: b}\n"
        + "  spec:\n    ports:\n    - port: 80\n    - port: 99999999999\n",
        ":9: Service items[1].spec.ports[1].port: expected an integer, not 99999999999");
    cases.put("a: 1\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: s}\n"
        + "endpoints:\n- addresses: [10.0.0.1]\n  conditions: {ready: maybe}\n",
        ":8: EndpointSlice endpoints[0].conditions.ready: expected true or false, not \"maybe\"");
    cases.put("{\"apiVersion\": \"v1\", \"kind\": \"Service\",\n \"metadata\": {\"name\": \"j\"},\n"
        + " \"spec\": {\"ports\": [{\"port\": \"http\"}]}}\n",
        ":1: Service spec.ports[0].port: expected an integer, not \"http\"");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path file = Files.writeString(dir.resolve("x.yaml"), c.getKey());
      ManifestException e = assertThrows(ManifestException.class,
          () -> reader.read(file, ManifestConversion.collector(file, true)), c.getKey());
      assertEquals(file + c.getValue(), e.getMessage(), c.getKey());
    }
  }

  @Test
  void scalarsAreCoercedAsJacksonDid() throws Exception {
    Path file = Files.writeString(dir.resolve("x.yaml"), "apiVersion: v1\nkind: Service\nmetadata:\n"
        + "  name: 7\n  namespace: ns\nspec:\n  clusterIP: 10.96.0.9\n  publishNotReadyAddresses: \"true\"\n"
        + "  ports:\n  - port: \"80\"\n    name: 53\n");
    ServiceInfo service = reader.read(file, ManifestConversion.collector(file, false)).services.get("ns/7");
    assertEquals("[PortInfo[name=53, protocol=tcp, port=80]]", service.ports().toString());
    assertTrue(service.publishNotReadyAddresses());
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
