package io.clusterdns.server;

import java.net.InetAddress;

/**
 * One address and port that listeners bind, as CoreDNS groups server blocks: the blocks on one
 * port that listen on one address share a listener and route by zone; another address on the same
 * port (the bind plugin) gets its own.
 */
record ListenKey(InetAddress address, int port) {}
