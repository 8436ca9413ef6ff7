package io.clusterdns.plugin.loadbalance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code loadbalance [round_robin | weighted WEIGHTFILE] { prefer CIDR...; reload DURATION }}:
 * with a weight file the weighted policy (read again every {@code reload}, never when zero),
 * else round robin with the subnets whose addresses go first.
 */
record LoadbalanceOptions(List<Subnet> prefer, Optional<Path> weightFile, Duration reload) {
  static final Duration DEFAULT_RELOAD = Duration.ofSeconds(30);

  LoadbalanceOptions {
    prefer = List.copyOf(prefer);
  }
}
