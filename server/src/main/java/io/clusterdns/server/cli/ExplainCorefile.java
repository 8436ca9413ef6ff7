package io.clusterdns.server.cli;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.ServerBlock;
import io.clusterdns.config.ServerKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The part of a Corefile that {@code explain} runs: the blocks of its first port, moved to an
 * ephemeral port of 127.0.0.1, without the plugins that only open listeners or watch the process
 * (a second server beside a running one must not take its ports), none of which changes an answer.
 */
final class ExplainCorefile {
  static final Set<String> LEFT_OUT = Set.of("health", "ready", "prometheus", "bind", "reload", "loop", "explain");
  private static final int DNS_PORT = 53;

  private ExplainCorefile() {}

  static Corefile of(Corefile corefile) {
    int first = corefile.blocks().get(0).keys().get(0).portOr(DNS_PORT);
    List<ServerBlock> blocks = new ArrayList<>();
    for (ServerBlock block : corefile.blocks()) {
      List<ServerKey> keys = block.keys().stream()
          .filter(key -> key.portOr(DNS_PORT) == first)
          .map(key -> new ServerKey(key.zone(), ServerKey.DEFAULT_PORT, key.token()))
          .toList();
      if (!keys.isEmpty()) {
        blocks.add(new ServerBlock(keys,
            block.directives().stream().filter(d -> !LEFT_OUT.contains(d.nameText())).toList(),
            block.location()));
      }
    }
    return new Corefile(blocks);
  }
}
