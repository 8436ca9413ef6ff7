package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.GatewayInfo;
import io.clusterdns.plugin.cluster.IngressInfo;
import io.clusterdns.plugin.cluster.RouteInfo;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TLSRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns Ingresses, Gateways and routes into the few fields DNS answers from. */
final class GatewayConversion {
  static final String INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
  private static final String GATEWAY_KIND = "Gateway";

  private GatewayConversion() {}

  static IngressInfo ingress(Ingress ingress) {
    Set<String> hosts = new LinkedHashSet<>();
    String ingressClass = "";
    if (ingress.getSpec() != null) {
      for (IngressRule rule : nonNull(ingress.getSpec().getRules())) {
        addHost(hosts, rule.getHost());
      }
      for (IngressTLS tls : nonNull(ingress.getSpec().getTls())) {
        nonNull(tls.getHosts()).forEach(h -> addHost(hosts, h));
      }
      if (ingress.getSpec().getIngressClassName() != null) {
        ingressClass = ingress.getSpec().getIngressClassName();
      }
    }
    Map<String, String> annotations = ingress.getMetadata().getAnnotations();
    if (ingressClass.isEmpty() && annotations != null && annotations.get(INGRESS_CLASS_ANNOTATION) != null) {
      ingressClass = annotations.get(INGRESS_CLASS_ANNOTATION);
    }
    List<String> addresses = new ArrayList<>();
    if (ingress.getStatus() != null && ingress.getStatus().getLoadBalancer() != null) {
      for (IngressLoadBalancerIngress lb : nonNull(ingress.getStatus().getLoadBalancer().getIngress())) {
        if (lb.getIp() != null && !lb.getIp().isEmpty()) {
          addresses.add(lb.getIp());
        } else if (lb.getHostname() != null && !lb.getHostname().isEmpty()) {
          addresses.add(lb.getHostname());
        }
      }
    }
    return new IngressInfo(
        namespace(ingress), Names.lower(ingress.getMetadata().getName()), ingressClass,
        new ArrayList<>(hosts), addresses);
  }

  static GatewayInfo gateway(Gateway gateway) {
    List<String> hostnames = new ArrayList<>();
    String gatewayClass = "";
    if (gateway.getSpec() != null) {
      for (Listener listener : nonNull(gateway.getSpec().getListeners())) {
        if (listener.getHostname() != null && !hostnames.contains(Names.lower(listener.getHostname()))) {
          hostnames.add(Names.lower(listener.getHostname()));
        }
      }
      if (gateway.getSpec().getGatewayClassName() != null) {
        gatewayClass = gateway.getSpec().getGatewayClassName();
      }
    }
    List<String> addresses = new ArrayList<>();
    if (gateway.getStatus() != null) {
      for (GatewayStatusAddress address : nonNull(gateway.getStatus().getAddresses())) {
        if (address.getValue() != null && !address.getValue().isEmpty()) {
          addresses.add(address.getValue());
        }
      }
    }
    return new GatewayInfo(
        namespace(gateway), Names.lower(gateway.getMetadata().getName()), gatewayClass, hostnames,
        addresses);
  }

  /** An HTTPRoute, TLSRoute (v1alpha2) or GRPCRoute; null for any other object. */
  static RouteInfo route(HasMetadata route) {
    List<String> hostnames;
    List<ParentReference> parents;
    List<RouteParentStatus> statuses;
    if (route instanceof HTTPRoute http) {
      hostnames = http.getSpec() == null ? null : http.getSpec().getHostnames();
      parents = http.getSpec() == null ? null : http.getSpec().getParentRefs();
      statuses = http.getStatus() == null ? null : http.getStatus().getParents();
    } else if (route instanceof GRPCRoute grpc) {
      hostnames = grpc.getSpec() == null ? null : grpc.getSpec().getHostnames();
      parents = grpc.getSpec() == null ? null : grpc.getSpec().getParentRefs();
      statuses = grpc.getStatus() == null ? null : grpc.getStatus().getParents();
    } else if (route instanceof TLSRoute tls) {
      hostnames = tls.getSpec() == null ? null : tls.getSpec().getHostnames();
      parents = tls.getSpec() == null ? null : tls.getSpec().getParentRefs();
      statuses = tls.getStatus() == null ? null : tls.getStatus().getParents();
    } else {
      return null;
    }
    String namespace = namespace(route);
    List<String> gateways = new ArrayList<>();
    for (ParentReference parent : nonNull(parents)) {
      String key = gatewayKey(parent, namespace);
      if (key != null && !gateways.contains(key) && accepted(parent, key, statuses, namespace)) {
        gateways.add(key);
      }
    }
    List<String> lower = nonNull(hostnames).stream().map(Names::lower).distinct().toList();
    return new RouteInfo(
        route.getKind(), namespace, Names.lower(route.getMetadata().getName()), lower, gateways);
  }

  /** The key of the Gateway a parent reference names, or null when it names something else. */
  private static String gatewayKey(ParentReference parent, String routeNamespace) {
    boolean gatewayGroup = parent.getGroup() == null || GATEWAY_GROUP.equals(parent.getGroup());
    boolean gatewayKind = parent.getKind() == null || GATEWAY_KIND.equals(parent.getKind());
    if (!gatewayGroup || !gatewayKind || parent.getName() == null) {
      return null;
    }
    String namespace = parent.getNamespace() == null ? routeNamespace : Names.lower(parent.getNamespace());
    return namespace + "/" + Names.lower(parent.getName());
  }

  /**
   * Whether the route's status says the Gateway accepted it; a route without any parent status
   * (no controller has seen it, as with manifest files) counts as accepted.
   */
  private static boolean accepted(
      ParentReference parent, String key, List<RouteParentStatus> statuses, String routeNamespace) {
    if (statuses == null || statuses.isEmpty()) {
      return true;
    }
    for (RouteParentStatus status : statuses) {
      if (status.getParentRef() != null
          && key.equals(gatewayKey(status.getParentRef(), routeNamespace))
          && nonNull(status.getConditions()).stream().anyMatch(GatewayConversion::isAccepted)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAccepted(Condition condition) {
    return "Accepted".equals(condition.getType()) && "True".equals(condition.getStatus());
  }

  private static void addHost(Set<String> hosts, String host) {
    if (host != null && !host.isEmpty()) {
      hosts.add(Names.lower(host));
    }
  }

  private static String namespace(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return namespace == null || namespace.isEmpty() ? "default" : Names.lower(namespace);
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
