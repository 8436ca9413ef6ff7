package io.clusterdns.plugin.cluster;

import java.net.InetAddress;
import java.util.List;

/**
 * One served address of a Service, merged from all its EndpointSlices. Only ready endpoints
 * (decision D1, docs/decisions.md) are ever made into this record.
 *
 * @param hostname the slice's {@code hostname} field, or null
 * @param podName the name in {@code targetRef} when it refers to a Pod, or null
 * @param zone the endpoint's topology zone, or null
 * @param ports the ports of the slice(s) the address came from; empty means "no ports" (A/AAAA
 *     only, no SRV)
 */
public record EndpointInfo(
    InetAddress address, String hostname, String podName, String zone, List<PortInfo> ports) {
  public EndpointInfo {
    ports = List.copyOf(ports);
  }
}
