package io.clusterdns.plugin.cluster.source;

import java.util.Locale;

/** Kubernetes names as the view keeps them: lower case, never null. */
final class Names {
  private Names() {}

  static String lower(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT);
  }

  /** Lower case, or null when absent or empty (optional fields such as hostname). */
  static String lowerOrNull(String name) {
    return name == null || name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
  }
}
