package io.clusterdns.plugin.cluster;

/** An endpoint together with the Service it serves, for reverse (PTR) look-ups. */
public record EndpointOwner(ServiceInfo service, EndpointInfo endpoint) {}
