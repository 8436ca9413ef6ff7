package io.clusterdns.plugin.kubernetes.source;

import io.clusterdns.plugin.kubernetes.view.ClusterView;

/** Chooses the source for a set of options: manifest files when given, else the API. */
public final class ClusterSources {
  private ClusterSources() {}

  public static ClusterSource open(SourceOptions options, ClusterView view) {
    if (!options.manifests().isEmpty()) {
      return new ManifestSource(options, view);
    }
    return new InformerSource(options, view);
  }
}
