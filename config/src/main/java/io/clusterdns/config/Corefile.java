package io.clusterdns.config;

import java.util.List;

/** A parsed Corefile: its server blocks in the order they were written. */
public record Corefile(List<ServerBlock> blocks) {
  public Corefile {
    blocks = List.copyOf(blocks);
  }
}
