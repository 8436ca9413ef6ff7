package io.clusterdns.server;

import java.net.InetAddress;

/**
 * One address and port that listeners bind, as CoreDNS groups server blocks: the blocks on one
 * port that listen on one address share a listener and route by zone; another address on the same
 * port (the bind plugin) gets its own.
 */
record ListenKey(InetAddress address, int port) {
  // Written out: a record's own equals and hashCode are made at their first call from method
  // handles, whose classes no class-data archive holds, and the start hashes these keys first;
  // with the record's toString, which the duplicate-zone check used, that cost the start's main
  // thread 12-15 ms of CPU.
  @Override
  public boolean equals(Object other) {
    return other instanceof ListenKey key && port == key.port && address.equals(key.address);
  }

  @Override
  public int hashCode() {
    return 31 * address.hashCode() + port;
  }
}
