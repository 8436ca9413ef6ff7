package io.clusterdns.plugin.health;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The parsed {@code health} directive.
 *
 * @param address where {@code /health} is served; every address, port 8080 by default
 * @param lameduck how long the server keeps answering DNS at shutdown; zero by default
 */
public record HealthOptions(InetSocketAddress address, Duration lameduck) {}
