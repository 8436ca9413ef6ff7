package io.clusterdns.plugin.kubernetes.source;

import java.util.HashSet;
import java.util.Set;

/**
 * The objects a {@link ClusterStore} holds in one namespace, to find what a namespace appearing
 * or going touches. Guarded by the store.
 */
final class NamespaceMembers {
  final Set<String> services = new HashSet<>();
  final Set<String> pods = new HashSet<>();
  int slices;

  boolean isEmpty() {
    return services.isEmpty() && pods.isEmpty() && slices == 0;
  }
}
