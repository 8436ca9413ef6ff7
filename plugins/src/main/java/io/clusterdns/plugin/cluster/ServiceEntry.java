package io.clusterdns.plugin.cluster;

import java.util.List;

/** A Service with its ready endpoints, de-duplicated by address, in a stable order. */
public record ServiceEntry(ServiceInfo service, List<EndpointInfo> endpoints) {
  public ServiceEntry {
    endpoints = List.copyOf(endpoints);
  }
}
