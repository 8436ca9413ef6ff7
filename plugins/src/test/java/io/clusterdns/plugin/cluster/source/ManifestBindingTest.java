package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The hand binding of manifest objects against Jackson's {@code convertValue} into the same model
 * classes, which the reader used before: through the same conversions, every file that Jackson
 * binds must give equal view items (Services, slices, namespaces, Pods, Ingresses, Gateways,
 * routes). Where a field DNS reads holds a value Jackson rejects, the hand binding rejects it too;
 * fields DNS does not read are not checked, so only there may a file load that did not before.
 */
class ManifestBindingTest {
  private static final ObjectMapper JACKSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final ManifestReader BY_HAND = new ManifestReader(Runnable::run, 1, ManifestChunks.CHUNK_CHARS);
  private static final ManifestReader BY_JACKSON = new ManifestReader(Runnable::run, 1,
      ManifestChunks.CHUNK_CHARS, (tree, kind) -> JACKSON.convertValue(tree, kind.type()));
  private static final String EVERY_FIELD = "every-field.yaml";
  /** Values a mutation writes in place of a node: every type, and the coercions Jackson makes. */
  private static final List<Object> VALUES = List.of(
      80, 0, -1, 70000, 3_000_000_000L, 1.5, 80.0, "80", " 80 ", "eighty", "", "null", "true", "True",
      "None", "10.0.0.1", "fd00::1", "LoadBalancer", "ExternalName", "Pod", "Gateway", true, false,
      List.of(), List.of("a"), List.of(1), List.of(Map.of("a", 1)), Map.of(), Map.of("a", "b"),
      Map.of("port", 80), new Nothing());
  /**
   * The fields DNS reads, with {@code *} for any list index; a mutation of one of them, or of an
   * object on the way to one, must be rejected by both bindings or by neither.
   */
  private static final List<String> READ = List.of(
      "metadata.name", "metadata.namespace", "metadata.labels.*", "metadata.annotations.*",
      "spec.type", "spec.externalName", "spec.clusterIP", "spec.clusterIPs.*", "spec.externalIPs.*",
      "spec.publishNotReadyAddresses", "spec.ports.*.name", "spec.ports.*.protocol", "spec.ports.*.port",
      "status.loadBalancer.ingress.*.ip", "status.loadBalancer.ingress.*.hostname",
      "ports.*.name", "ports.*.protocol", "ports.*.port", "endpoints.*.addresses.*",
      "endpoints.*.conditions.ready", "endpoints.*.hostname", "endpoints.*.zone",
      "endpoints.*.targetRef.kind", "endpoints.*.targetRef.name",
      "subsets.*.addresses.*.ip", "subsets.*.addresses.*.hostname", "subsets.*.addresses.*.targetRef.kind",
      "subsets.*.addresses.*.targetRef.name", "subsets.*.notReadyAddresses.*.ip", "subsets.*.ports.*.port",
      "subsets.*.ports.*.name", "subsets.*.ports.*.protocol", "spec.hostNetwork", "status.phase", "status.podIP",
      "spec.ingressClassName", "spec.rules.*.host", "spec.tls.*.hosts.*", "spec.gatewayClassName",
      "spec.listeners.*.hostname", "status.addresses.*.value", "spec.hostnames.*",
      "spec.parentRefs.*.group", "spec.parentRefs.*.kind", "spec.parentRefs.*.name",
      "spec.parentRefs.*.namespace", "status.parents.*.parentRef.name", "status.parents.*.parentRef.namespace",
      "status.parents.*.conditions.*.type", "status.parents.*.conditions.*.status",
      "items.*.metadata.name", "items.*.spec.clusterIP", "items.*.spec.ports.*.port");

  @TempDir Path dir;

  /** Marks a mutation that removes the field. */
  private record Nothing() {}

  /** What a reader made of a file: the converted objects, or the error. */
  private record Outcome(ClusterObjects objects, String error) {
    static Outcome of(ManifestReader reader, Path file) {
      try {
        return new Outcome(reader.read(file, ManifestConversion.collector(file, true)), null);
      } catch (ManifestException e) {
        return new Outcome(null, e.getMessage());
      }
    }
  }

  @Test
  void everyFieldBindsAsWithJackson() throws Exception {
    Path file = resource(EVERY_FIELD);
    Outcome byHand = Outcome.of(BY_HAND, file);
    assertNull(byHand.error());
    assertSame(Outcome.of(BY_JACKSON, file), byHand, file.toString());
    ClusterObjects objects = byHand.objects();
    assertEquals(4, objects.services.size());
    assertEquals(2, objects.slices.size());
    assertEquals(1, objects.pods.size());
    assertEquals(1, objects.ingresses.size());
    assertEquals(1, objects.gateways.size());
    assertEquals(3, objects.routes.size());
    assertTrue(objects.services.get("shop/web").publishNotReadyAddresses());
    assertEquals(3, objects.slices.get("EndpointSlice/shop/db-abcde").all().size());
  }

  @Test
  void everyManifestOfTheRepositoryAndTheFuzzCorpusBindsAsWithJackson() throws Exception {
    List<Path> files = new ArrayList<>();
    Path corpus = resource("ManifestReaderFuzzTestInputs/read");
    try (Stream<Path> inputs = Files.list(corpus)) {
      inputs.sorted().forEach(files::add);
    }
    Path root = Path.of("").toAbsolutePath().getParent();
    try (Stream<Path> yaml = Files.walk(root)) {
      yaml.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/target/")
              && !p.toString().contains("/.git/") && !p.toString().contains("/.cifuzz"))
          .sorted()
          .forEach(files::add);
    }
    int bound = 0;
    for (Path file : files) {
      Outcome jackson = Outcome.of(BY_JACKSON, file);
      Outcome byHand = Outcome.of(BY_HAND, file);
      if (jackson.error() == null) {
        assertSame(jackson, byHand, file.toString());
        bound += byHand.objects().services.size();
      }
    }
    System.out.printf("ManifestBindingTest: %d files, %d Services bound alike%n", files.size(), bound);
    assertTrue(bound > 50, "the repository's clusters hold Services: " + bound);
  }

  @Test
  void generatedClustersBindAsWithJackson() throws Exception {
    Path file = Files.writeString(dir.resolve("generated.yaml"), GeneratedManifests.cluster(300, 7)
        + "---\n" + GeneratedManifests.headless(50).replace("name: big", "name: other"));
    Outcome byHand = Outcome.of(BY_HAND, file);
    assertSame(Outcome.of(BY_JACKSON, file), byHand, file.toString());
    assertEquals(301, byHand.objects().services.size());
  }

  @Test
  void mutatedFieldsBindAsWithJacksonOrFailWithIt() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("ManifestBindingTest mutation seed " + seed);
    Random random = new Random(seed);
    String base = Files.readString(resource(EVERY_FIELD));
    int alike = 0;
    int bothFail = 0;
    int onlyHandBinds = 0;
    for (int i = 0; i < 600; i++) {
      List<Object> documents = new ArrayList<>();
      new Load(LoadSettings.builder().build()).loadAllFromString(base).forEach(documents::add);
      @SuppressWarnings("unchecked")
      Map<String, Object> document = (Map<String, Object>) documents.get(random.nextInt(documents.size()));
      String path = mutate(document, random);
      Path file = Files.writeString(dir.resolve("m" + i + ".yaml"),
          new Dump(DumpSettings.builder().build()).dumpAllToString(documents.iterator()));
      Outcome jackson = Outcome.of(BY_JACKSON, file);
      Outcome byHand = Outcome.of(BY_HAND, file);
      String context = "seed " + seed + ", mutation " + i + " at " + path + ":\n" + Files.readString(file);
      if (jackson.error() == null) {
        assertSame(jackson, byHand, context);
        alike++;
      } else if (byHand.error() != null) {
        bothFail++;
        assertTrue(byHand.error().startsWith(file + ":"), byHand.error());
      } else {
        assertFalse(read(path), "Jackson failed (" + jackson.error() + ") where a read field changed; " + context);
        onlyHandBinds++;
      }
    }
    System.out.printf("ManifestBindingTest: %d mutations bind alike, %d fail with both, %d bind by hand only%n",
        alike, bothFail, onlyHandBinds);
    assertTrue(alike > 50 && bothFail > 50, alike + " alike, " + bothFail + " failing");
  }

  /** Replaces (or removes) one node of the document's tree; returns its path, indexes as {@code *}. */
  @SuppressWarnings("unchecked")
  private static String mutate(Map<String, Object> document, Random random) {
    Object node = document;
    StringBuilder path = new StringBuilder();
    while (true) {
      List<Object> keys = node instanceof Map<?, ?> map ? new ArrayList<>(map.keySet())
          : new ArrayList<>(IntStream.range(0, ((List<?>) node).size()).boxed().toList());
      if (node == document) {
        keys.removeIf(k -> k.equals("apiVersion") || k.equals("kind"));
      }
      if (keys.isEmpty()) {
        return path.isEmpty() ? "(root)" : path.toString();
      }
      Object key = keys.get(random.nextInt(keys.size()));
      Object child = node instanceof Map<?, ?> map ? map.get(key) : ((List<?>) node).get((Integer) key);
      path.append(path.isEmpty() ? "" : ".").append(key instanceof Integer ? "*" : key);
      boolean descend = (child instanceof Map<?, ?> || child instanceof List<?>) && random.nextInt(3) > 0;
      if (!descend) {
        Object value = copy(VALUES.get(random.nextInt(VALUES.size())));
        if (node instanceof Map<?, ?>) {
          Map<Object, Object> map = (Map<Object, Object>) node;
          if (value instanceof Nothing) {
            map.remove(key);
          } else {
            map.put(key, value);
          }
        } else {
          ((List<Object>) node).set((Integer) key, value instanceof Nothing ? null : value);
        }
        return path.toString();
      }
      node = child;
    }
  }

  /** A fresh mutable copy, so that no two documents share a node. */
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, copy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list.stream().map(ManifestBindingTest::copy).toList());
    }
    return value;
  }

  /** Whether {@code path} is a field DNS reads or leads to one. */
  private static boolean read(String path) {
    return READ.stream().anyMatch(field -> field.equals(path) || field.startsWith(path + ".")
        || path.startsWith(field.substring(0, field.length() - 1)) && field.endsWith("*"));
  }

  private static void assertSame(Outcome expected, Outcome actual, String context) {
    assertNull(actual.error(), () -> context + "\nJackson bound it, the hand binding did not: " + actual.error());
    assertNotNull(actual.objects());
    ClusterObjects a = expected.objects();
    ClusterObjects b = actual.objects();
    assertEquals(a, b, context);
    assertEquals(a.ingresses, b.ingresses, context);
    assertEquals(a.gateways, b.gateways, context);
    assertEquals(a.routes, b.routes, context);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ManifestBindingTest.class.getResource(name).toURI());
  }
}
