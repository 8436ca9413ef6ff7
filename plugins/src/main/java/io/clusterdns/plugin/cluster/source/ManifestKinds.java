package io.clusterdns.plugin.cluster.source;

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
import java.util.Map;
import java.util.function.Function;

/**
 * The kinds DNS reads from manifest files, by {@code apiVersion/kind}, each with its model class
 * and how a parsed object of it is bound. Objects of any other kind are skipped unread.
 */
final class ManifestKinds {
  private static final String CORE = "v1/";
  private static final String GATEWAY_API = "gateway.networking.k8s.io/";

  /**
   * One kind.
   *
   * @param type the model class the conversions take
   * @param bind the model object of a parsed object of this kind, with what DNS reads set
   */
  record Kind(String name, Class<? extends HasMetadata> type, Function<Map<?, ?>, HasMetadata> bind) {}

  private static final Map<String, Kind> KINDS =
      Map.ofEntries(
          kind(CORE, Service.class, CoreBinding::service),
          kind(CORE, Endpoints.class, CoreBinding::endpoints),
          kind(CORE, Namespace.class, CoreBinding::namespace),
          kind(CORE, Pod.class, CoreBinding::pod),
          kind("discovery.k8s.io/v1/", EndpointSlice.class, CoreBinding::endpointSlice),
          kind("networking.k8s.io/v1/", Ingress.class, GatewayBinding::ingress),
          kind(GATEWAY_API + "v1/", Gateway.class, GatewayBinding::gateway),
          kind(GATEWAY_API + "v1/", HTTPRoute.class, GatewayBinding::httpRoute),
          kind(GATEWAY_API + "v1/", GRPCRoute.class, GatewayBinding::grpcRoute),
          kind(GATEWAY_API + "v1alpha2/", TLSRoute.class, GatewayBinding::tlsRoute));

  private ManifestKinds() {}

  /** The kind of {@code apiVersion} and {@code kind}, or null when DNS does not read it. */
  static Kind of(String apiVersion, String kind) {
    return KINDS.get(apiVersion + "/" + kind);
  }

  private static Map.Entry<String, Kind> kind(
      String apiVersion, Class<? extends HasMetadata> type, Function<Map<?, ?>, HasMetadata> bind) {
    String name = type.getSimpleName();
    return Map.entry(apiVersion + name, new Kind(name, type, bind));
  }
}
