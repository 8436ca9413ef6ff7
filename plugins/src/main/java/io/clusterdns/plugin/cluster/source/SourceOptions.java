package io.clusterdns.plugin.cluster.source;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Token;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where the cluster view comes from and which objects it keeps: the part of the kubernetes
 * plugin's options that the sources need (see the plugin README for each option).
 *
 * @param manifests files or directories of Kubernetes YAML/JSON; when not empty, no API server
 *     is contacted
 * @param kubeconfig kubeconfig file, or null
 * @param kubeconfigContext context in the kubeconfig, or null for its current context
 * @param endpoint API server URL, or null (in-cluster settings when kubeconfig is null too)
 * @param tlsCert client certificate for {@code endpoint}, or null
 * @param tlsKey client key for {@code endpoint}, or null
 * @param tlsCa CA bundle for {@code endpoint}, or null
 * @param labelSelector {@code labels}: selector on Services, EndpointSlices and Pods, or null
 * @param namespaceLabelSelector {@code namespace_labels}: selector on Namespaces, or null
 * @param watchPods whether Pods are watched ({@code pods verified})
 * @param watchEndpoints false under {@code noendpoints}
 * @param startupTimeout how long start waits for the first full sync
 */
public record SourceOptions(
    List<Path> manifests,
    Path kubeconfig,
    String kubeconfigContext,
    String endpoint,
    Path tlsCert,
    Path tlsKey,
    Path tlsCa,
    String labelSelector,
    String namespaceLabelSelector,
    boolean watchPods,
    boolean watchEndpoints,
    Duration startupTimeout) {
  public SourceOptions {
    manifests = List.copyOf(manifests);
  }

  /** An API server URL of plugin {@code plugin}'s {@code endpoint} property. */
  public static String endpointUrl(Token token, String plugin) throws CorefileException {
    try {
      URI uri = new URI(token.text());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return token.text();
      }
    } catch (URISyntaxException e) {
      // reported below with the usage
    }
    throw new CorefileException(
        token, plugin + ": endpoint '" + token.text() + "' is not an http:// or https:// URL");
  }
}
