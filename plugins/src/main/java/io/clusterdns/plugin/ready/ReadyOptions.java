package io.clusterdns.plugin.ready;

import java.net.InetSocketAddress;

/**
 * The parsed {@code ready} directive.
 *
 * @param address where {@code /ready} is served; every address, port 8181 by default
 * @param continuously ask every plugin at each request ({@code monitor continuously}); by default
 *     ({@code monitor until-ready}) a plugin that once said it is ready is not asked again
 */
public record ReadyOptions(InetSocketAddress address, boolean continuously) {}
