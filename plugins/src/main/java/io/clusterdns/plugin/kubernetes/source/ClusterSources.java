package io.clusterdns.plugin.kubernetes.source;

import io.clusterdns.plugin.kubernetes.view.ClusterView;

/** Chooses the source for a set of options: manifest files when given, else the API. */
public final class ClusterSources {
  private ClusterSources() {}

  public static ClusterSource open(SourceOptions options, ClusterView view) {
    throw new UnsupportedOperationException("cluster sources are being written on branch k8s-sources");
  }
}
