package io.clusterdns.plugin.forward;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** The order in which a query tries the upstreams. */
public enum Policy {
  /** A fresh random order per query. */
  RANDOM,
  /** Each query starts one upstream further than the previous one. */
  ROUND_ROBIN,
  /** Always the Corefile order: the first upstream takes every query while it is up. */
  SEQUENTIAL;

  /** The Corefile spelling. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Picks orders for one handler; round robin keeps its position here. */
  Selector selector(Upstream[] upstreams) {
    return switch (this) {
      case RANDOM -> () -> shuffled(upstreams);
      case ROUND_ROBIN -> {
        AtomicInteger next = new AtomicInteger();
        yield () -> rotated(upstreams, Math.floorMod(next.getAndIncrement(), upstreams.length));
      }
      case SEQUENTIAL -> () -> upstreams;
    };
  }

  /** Gives the order of one query; the array is read only. */
  @FunctionalInterface
  interface Selector {
    Upstream[] order();
  }

  static Upstream[] shuffled(Upstream[] upstreams) {
    Upstream[] order = upstreams.clone();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Upstream swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private static Upstream[] rotated(Upstream[] upstreams, int start) {
    if (start == 0) {
      return upstreams;
    }
    Upstream[] order = new Upstream[upstreams.length];
    for (int i = 0; i < upstreams.length; i++) {
      order[i] = upstreams[(start + i) % upstreams.length];
    }
    return order;
  }
}
