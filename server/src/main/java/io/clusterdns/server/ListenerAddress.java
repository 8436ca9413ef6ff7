package io.clusterdns.server;

import java.net.InetSocketAddress;

/**
 * Where one port of the Corefile is served.
 *
 * @param configuredPort the port as the Corefile (or the default) gave it; 0 for ephemeral
 * @param udp the bound UDP address
 * @param tcp the bound TCP address (same port as {@code udp})
 */
public record ListenerAddress(int configuredPort, InetSocketAddress udp, InetSocketAddress tcp) {}
