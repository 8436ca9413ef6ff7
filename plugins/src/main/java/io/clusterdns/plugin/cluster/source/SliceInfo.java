package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.EndpointMerge;
import java.util.List;

/**
 * One converted EndpointSlice (or a core/v1 Endpoints object mirrored into one). Readiness is
 * kept beside the endpoints because whether not-ready endpoints are served depends on the
 * Service (decision D1, docs/decisions.md), which may arrive before or after the slice.
 *
 * @param id unique among all slices: kind, namespace and object name
 * @param namespace lower case
 * @param serviceName lower case, from label {@code kubernetes.io/service-name}
 * @param ready the endpoints whose {@code conditions.ready} is true or absent, merged ({@link
 *     EndpointMerge#merge}): one per address, in answer order
 * @param all every endpoint, ready or not, merged
 */
record SliceInfo(
    String id,
    String namespace,
    String serviceName,
    List<EndpointInfo> ready,
    List<EndpointInfo> all) {
  SliceInfo {
    // Merged here, as a Service with this slice alone serves them: the conversion runs on the
    // parsing threads, and the view then takes the merged lists as they are. When every endpoint
    // is ready (nearly always), both are one list, merged once.
    boolean allReady = all.equals(ready);
    ready = EndpointMerge.merge(ready);
    all = allReady ? ready : EndpointMerge.merge(all);
  }

  /** The endpoints to serve for a Service with this {@code publishNotReadyAddresses}. */
  List<EndpointInfo> served(boolean publishNotReadyAddresses) {
    return publishNotReadyAddresses ? all : ready;
  }
}
