package io.clusterdns.plugin.loadbalance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The weights of a weight file: per owner name (lower case, trailing dot), per address. */
record Weights(Map<String, List<Weight>> byName) {
  static final Weights NONE = new Weights(Map.of());

  /** One address of a name and its weight, 1 to 255. */
  record Weight(byte[] address, int value) {}

  Weights {
    byName = Map.copyOf(byName);
  }

  /** The weight of {@code address} for {@code name}: as listed, else 1. */
  int of(String name, byte[] address) {
    List<Weight> weights = byName.get(name);
    if (weights != null) {
      for (Weight weight : weights) {
        if (Arrays.equals(weight.address(), address)) {
          return weight.value();
        }
      }
    }
    return 1;
  }
}
