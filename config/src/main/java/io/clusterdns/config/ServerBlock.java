package io.clusterdns.config;

import java.util.List;

/** A server block: its keys (zones and ports) and its directives in Corefile order. */
public record ServerBlock(List<ServerKey> keys, List<Directive> directives, Location location) {
  public ServerBlock {
    keys = List.copyOf(keys);
    directives = List.copyOf(directives);
  }

  /** Whether the block has a directive of that name (a plugin that needs another in its block). */
  public boolean hasDirective(String name) {
    return directives.stream().anyMatch(d -> d.nameText().equals(name));
  }
}
