package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.GatewayInfo;
import io.clusterdns.plugin.cluster.IngressInfo;
import io.clusterdns.plugin.cluster.PodInfo;
import io.clusterdns.plugin.cluster.RouteInfo;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TLSRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.file.Path;
import java.util.stream.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts the objects of one manifest file. Objects without a namespace are in {@code default},
 * as {@code kubectl apply} would put them. Kinds DNS does not use are skipped.
 */
final class ManifestConversion {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestConversion.class);
  private static final String DEFAULT_NAMESPACE = "default";

  private ManifestConversion() {}

  /**
   * Converts the objects of {@code file} into one {@link ClusterObjects} per container; combined
   * containers keep the later object of two with the same key, as one container would.
   */
  static Collector<HasMetadata, ClusterObjects, ClusterObjects> collector(Path file, boolean withPods) {
    return Collector.of(
        ClusterObjects::new,
        (into, object) -> add(file, object, withPods, into),
        (first, second) -> {
          first.addAll(second);
          return first;
        },
        Collector.Characteristics.IDENTITY_FINISH);
  }

  private static void add(Path file, HasMetadata object, boolean withPods, ClusterObjects into) {
    if (!(object instanceof Namespace)
        && (object.getMetadata().getNamespace() == null
            || object.getMetadata().getNamespace().isEmpty())) {
      object.getMetadata().setNamespace(DEFAULT_NAMESPACE);
    }
    if (object instanceof Service service) {
      ServiceInfo info = ServiceConversion.toInfo(service);
      into.services.put(info.key(), info);
    } else if (object instanceof EndpointSlice slice) {
      SliceInfo info = SliceConversion.toInfo(slice);
      if (info == null) {
        LOG.warn(
            "{}: EndpointSlice {} has no label {}; ignored",
            file,
            slice.getMetadata().getName(),
            SliceConversion.SERVICE_NAME_LABEL);
      } else {
        into.slices.put(info.id(), info);
      }
    } else if (object instanceof Endpoints endpoints) {
      SliceInfo info = EndpointsMirroring.toSlice(endpoints);
      into.slices.put(info.id(), info);
    } else if (object instanceof Namespace namespace) {
      into.namespaces.add(Names.lower(namespace.getMetadata().getName()));
    } else if (object instanceof Ingress ingress) {
      IngressInfo info = GatewayConversion.ingress(ingress);
      into.ingresses.put(info.key(), info);
    } else if (object instanceof Gateway gateway) {
      GatewayInfo info = GatewayConversion.gateway(gateway);
      into.gateways.put(info.key(), info);
    } else if (object instanceof HTTPRoute || object instanceof GRPCRoute || object instanceof TLSRoute) {
      RouteInfo route = GatewayConversion.route(object);
      if (route != null) {
        into.routes.put(route.key(), route);
      }
    } else if (object instanceof Pod pod) {
      PodInfo info = withPods ? PodConversion.toInfo(pod) : null;
      if (info != null) {
        into.pods.put(PodConversion.key(pod), info);
      }
    } else {
      LOG.debug("{}: ignoring {} {}", file, object.getKind(), object.getMetadata().getName());
    }
  }
}
