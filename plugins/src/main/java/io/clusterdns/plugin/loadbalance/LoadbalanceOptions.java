package io.clusterdns.plugin.loadbalance;

import java.util.List;

/** {@code loadbalance [round_robin] { prefer CIDR... }}: the subnets whose addresses go first. */
record LoadbalanceOptions(List<Subnet> prefer) {
  LoadbalanceOptions {
    prefer = List.copyOf(prefer);
  }
}
