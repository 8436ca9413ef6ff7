package io.clusterdns.server.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The manifests under {@code deploy/}, read with fabric8's model as a cluster would read them. */
final class DeployManifests {
  /** The repository's deploy directory; tests run with the server module as working directory. */
  static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
  static final Path KUBE_SYSTEM = DEPLOY.resolve("kube-system");
  static final Path NODE_LOCAL = DEPLOY.resolve("node-local");

  private DeployManifests() {}

  /** Every YAML file of a directory, sorted as kubectl apply -f DIR visits them. */
  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** Every object of every file of a directory, in file and document order. */
  static List<HasMetadata> objects(Path dir) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path file : files(dir)) {
      objects.addAll(read(file));
    }
    return objects;
  }

  static List<HasMetadata> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Object parsed = Serialization.unmarshal(in);
      List<HasMetadata> objects = new ArrayList<>();
      if (parsed instanceof List<?> list) {
        for (Object item : list) {
          objects.add(typed(file, item));
        }
      } else {
        objects.add(typed(file, parsed));
      }
      return objects;
    }
  }

  private static HasMetadata typed(Path file, Object parsed) {
    if (!(parsed instanceof HasMetadata object) || parsed instanceof GenericKubernetesResource) {
      throw new AssertionError(file + ": not a known Kubernetes kind: " + parsed);
    }
    return object;
  }

  static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> kind) {
    List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  static <T extends HasMetadata> Optional<T> named(List<HasMetadata> objects, Class<T> kind, String name) {
    return objects.stream().filter(kind::isInstance).map(kind::cast)
        .filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  /** The Corefile of the ConfigMap the workload mounts at /etc/coredns. */
  static String corefile(List<HasMetadata> objects, PodSpec pod) {
    String configMap = pod.getVolumes().stream()
        .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();
    return named(objects, ConfigMap.class, configMap).orElseThrow(
        () -> new AssertionError("the pod mounts ConfigMap " + configMap + ", which is not there"))
        .getData().get("Corefile");
  }

  static PodSpec podSpec(HasMetadata workload) {
    if (workload instanceof Deployment deployment) {
      return deployment.getSpec().getTemplate().getSpec();
    }
    if (workload instanceof DaemonSet daemonSet) {
      return daemonSet.getSpec().getTemplate().getSpec();
    }
    throw new AssertionError("not a workload: " + workload.getKind());
  }
}
