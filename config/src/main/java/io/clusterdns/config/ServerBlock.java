package io.clusterdns.config;

import java.util.List;

/** A server block: its keys (zones and ports) and its directives in Corefile order. */
public record ServerBlock(List<ServerKey> keys, List<Directive> directives, Location location) {
  public ServerBlock {
    keys = List.copyOf(keys);
    directives = List.copyOf(directives);
  }
}
