package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.clusterdns.plugin.cluster.ClusterView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSourcesTest {
  private static SourceOptions options(List<Path> manifests, String endpoint) {
    return new SourceOptions(manifests, null, null, endpoint, null, null, null, null, null, false, true, Duration.ofSeconds(1));
  }

  @Test
  void manifestsWinOverTheApi() {
    try (ClusterSource source = ClusterSources.open(options(List.of(Path.of("x.yaml")), "http://127.0.0.1:1"), new ClusterView())) {
      assertInstanceOf(ManifestSource.class, source);
    }
  }

  @Test
  void withoutManifestsTheApiIsUsed() {
    try (ClusterSource source = ClusterSources.open(options(List.of(), "http://127.0.0.1:1"), new ClusterView())) {
      assertInstanceOf(InformerSource.class, source);
    }
  }
}
