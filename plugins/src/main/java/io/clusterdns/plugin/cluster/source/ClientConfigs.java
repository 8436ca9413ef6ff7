package io.clusterdns.plugin.cluster.source;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.File;
import java.nio.file.Path;

/**
 * The fabric8 client settings for the API options, in CoreDNS's order of precedence: a
 * kubeconfig file (its server address wins over {@code endpoint}); else an explicit endpoint with
 * optional client TLS; else in-cluster service-account settings (or the user's kubeconfig when
 * run outside a cluster).
 */
final class ClientConfigs {
  private ClientConfigs() {}

  static Config forOptions(SourceOptions options) {
    if (options.kubeconfig() != null) {
      return Config.fromKubeconfig(options.kubeconfigContext(), options.kubeconfig().toFile());
    }
    if (options.endpoint() != null) {
      ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(options.endpoint());
      if (options.tlsCert() != null) {
        builder
            .withClientCertFile(file(options.tlsCert()))
            .withClientKeyFile(file(options.tlsKey()))
            .withCaCertFile(file(options.tlsCa()));
      }
      return builder.build();
    }
    return Config.autoConfigure(null);
  }

  private static String file(Path path) {
    return path == null ? null : new File(path.toString()).getAbsolutePath();
  }
}
