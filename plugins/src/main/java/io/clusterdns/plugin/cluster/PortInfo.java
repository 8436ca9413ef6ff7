package io.clusterdns.plugin.cluster;

/**
 * A port of a Service or of an EndpointSlice. {@code name} is empty for an unnamed port, which
 * gets no SRV name of its own; {@code protocol} is lower case ({@code tcp}, {@code udp},
 * {@code sctp}).
 */
public record PortInfo(String name, String protocol, int port) {}
