package io.clusterdns.plugin.cache;

import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.SetupContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * The state of the block's cluster plugins that a cached answer was computed from. An entry is
 * tagged with the sum of the generations of the siblings that cover its name; since
 * generations only grow, a different sum later means the cluster view changed and the entry is
 * a miss. Names no sibling covers always get 0, so cluster changes leave them cached.
 */
final class ClusterGenerations {
  /** The siblings whose answers come from a cluster view that changes under the cache. */
  private static final List<String> SOURCES = List.of("kubernetes", "k8s_external", "k8s_gateway");
  static final ClusterGenerations NONE = new ClusterGenerations(new Deterministic[0]);

  private final Deterministic[] sources;

  private ClusterGenerations(Deterministic[] sources) {
    this.sources = sources;
  }

  /** The deterministic cluster siblings of the block; only valid from {@code start()} on. */
  static ClusterGenerations of(SetupContext context) {
    List<Deterministic> found = new ArrayList<>();
    for (String name : SOURCES) {
      Optional<Handler> sibling = context.sibling(name);
      if (sibling.isPresent() && sibling.get() instanceof Deterministic deterministic) {
        found.add(deterministic);
      }
    }
    return new ClusterGenerations(found.toArray(new Deterministic[0]));
  }

  /** The tag for an answer about {@code qname} computed now. */
  long of(Name qname) {
    long sum = 0;
    for (Deterministic source : sources) {
      if (source.covers(qname)) {
        sum += source.generation();
      }
    }
    return sum;
  }
}
