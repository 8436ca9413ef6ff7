package io.clusterdns.plugin.cluster.source;

import io.clusterdns.config.IpLiteral;
import io.clusterdns.plugin.cluster.PodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.InetAddress;
import java.util.Set;

/** Turns a Pod into what {@code pods verified} needs (rule R10, docs/decisions.md). */
final class PodConversion {
  /** Phases of Pods that are not served; the API watch excludes them by field selector too. */
  static final Set<String> SKIPPED_PHASES = Set.of("Succeeded", "Failed", "Unknown");

  private PodConversion() {}

  static String key(Pod pod) {
    return Names.lower(pod.getMetadata().getNamespace()) + "/" + Names.lower(pod.getMetadata().getName());
  }

  /** The running Pod's entry, or null when it has no IP yet or has ended. */
  static PodInfo toInfo(Pod pod) {
    if (pod.getStatus() == null || SKIPPED_PHASES.contains(pod.getStatus().getPhase())) {
      return null;
    }
    InetAddress ip = IpLiteral.parse(pod.getStatus().getPodIP()).orElse(null);
    if (ip == null) {
      return null;
    }
    boolean hostNetwork = pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    return new PodInfo(
        Names.lower(pod.getMetadata().getNamespace()), Names.lower(pod.getMetadata().getName()), ip,
        hostNetwork);
  }
}
