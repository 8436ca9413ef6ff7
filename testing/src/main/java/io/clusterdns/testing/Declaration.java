package io.clusterdns.testing;

import io.clusterdns.resolver.ResolverBehaviour;
import io.clusterdns.config.ResolvConf;
import java.util.List;
import java.util.Objects;

/**
 * What a test server serves and how its resolvers are set up: declared objects, YAML resources
 * (class-path paths of Kubernetes manifests), the pod's resolv.conf and the resolver behaviour.
 */
public record Declaration(
    List<KubeObject> objects, List<String> yamlResources, ResolvConf pod, ResolverBehaviour behaviour) {
  public Declaration {
    objects = List.copyOf(objects);
    yamlResources = List.copyOf(yamlResources);
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(behaviour, "behaviour");
  }
}
