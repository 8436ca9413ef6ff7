package io.clusterdns.plugin.explain;

import io.clusterdns.resolver.ResolverBehaviour;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The names explain takes for a {@link ResolverBehaviour}: the library a user knows (glibc, musl,
 * c-ares, go, dnsjava), or the behaviour's own name for those without a short one.
 */
public final class ResolverNames {
  private static final Map<String, ResolverBehaviour> SHORT = new LinkedHashMap<>();

  static {
    SHORT.put("glibc", ResolverBehaviour.SEARCH_LIST);
    SHORT.put("musl", ResolverBehaviour.MUSL);
    SHORT.put("c-ares", ResolverBehaviour.C_ARES);
    SHORT.put("go", ResolverBehaviour.GO);
    SHORT.put("dnsjava", ResolverBehaviour.DNSJAVA);
  }

  private ResolverNames() {}

  /**
   * The behaviour called {@code text}, in any case.
   *
   * @throws IllegalArgumentException naming the choices when none is called so
   */
  public static ResolverBehaviour parse(String text) {
    String key = text.toLowerCase(Locale.ROOT);
    ResolverBehaviour known = SHORT.get(key);
    if (known != null) {
      return known;
    }
    for (ResolverBehaviour behaviour : ResolverBehaviour.values()) {
      if (behaviour.name().equalsIgnoreCase(key.replace('-', '_'))) {
        return behaviour;
      }
    }
    throw new IllegalArgumentException("unknown resolver '" + text + "', expected " + choices());
  }

  /** The short name of {@code behaviour}, else its own name in lower case. */
  public static String name(ResolverBehaviour behaviour) {
    for (Map.Entry<String, ResolverBehaviour> entry : SHORT.entrySet()) {
      if (entry.getValue() == behaviour) {
        return entry.getKey();
      }
    }
    return behaviour.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every accepted name, for usage text. */
  public static String choices() {
    return Arrays.stream(ResolverBehaviour.values()).map(ResolverNames::name).collect(Collectors.joining(", "));
  }
}
