package io.clusterdns.plugin.cluster.source;

import static io.clusterdns.plugin.cluster.source.CoreBinding.withMetadata;
import static io.clusterdns.plugin.cluster.source.TreeFields.object;
import static io.clusterdns.plugin.cluster.source.TreeFields.objects;
import static io.clusterdns.plugin.cluster.source.TreeFields.string;
import static io.clusterdns.plugin.cluster.source.TreeFields.strings;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TLSRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TLSRouteStatus;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;
import java.util.Map;

/**
 * Binds Ingresses, Gateways and routes from parsed manifests into the Kubernetes model, setting
 * only the fields {@link GatewayConversion} reads (see {@link CoreBinding}).
 */
final class GatewayBinding {
  private GatewayBinding() {}

  static Ingress ingress(Map<?, ?> tree) {
    Ingress ingress = withMetadata(new Ingress(), tree);
    ingress.setSpec(object(tree, "spec", spec -> {
      IngressSpec bound = new IngressSpec();
      bound.setIngressClassName(string(spec, "ingressClassName"));
      bound.setRules(objects(spec, "rules", rule -> {
        IngressRule host = new IngressRule();
        host.setHost(string(rule, "host"));
        return host;
      }));
      bound.setTls(objects(spec, "tls", tls -> {
        IngressTLS hosts = new IngressTLS();
        hosts.setHosts(strings(tls, "hosts"));
        return hosts;
      }));
      return bound;
    }));
    ingress.setStatus(object(tree, "status", status -> {
      IngressStatus bound = new IngressStatus();
      bound.setLoadBalancer(object(status, "loadBalancer", lb -> {
        IngressLoadBalancerStatus balancer = new IngressLoadBalancerStatus();
        balancer.setIngress(objects(lb, "ingress", address -> {
          IngressLoadBalancerIngress ingressAddress = new IngressLoadBalancerIngress();
          ingressAddress.setIp(string(address, "ip"));
          ingressAddress.setHostname(string(address, "hostname"));
          return ingressAddress;
        }));
        return balancer;
      }));
      return bound;
    }));
    return ingress;
  }

  static Gateway gateway(Map<?, ?> tree) {
    Gateway gateway = withMetadata(new Gateway(), tree);
    gateway.setSpec(object(tree, "spec", spec -> {
      GatewaySpec bound = new GatewaySpec();
      bound.setGatewayClassName(string(spec, "gatewayClassName"));
      bound.setListeners(objects(spec, "listeners", listener -> {
        Listener host = new Listener();
        host.setHostname(string(listener, "hostname"));
        return host;
      }));
      return bound;
    }));
    gateway.setStatus(object(tree, "status", status -> {
      GatewayStatus bound = new GatewayStatus();
      bound.setAddresses(objects(status, "addresses", address -> {
        GatewayStatusAddress value = new GatewayStatusAddress();
        value.setValue(string(address, "value"));
        return value;
      }));
      return bound;
    }));
    return gateway;
  }

  static HTTPRoute httpRoute(Map<?, ?> tree) {
    HTTPRoute route = withMetadata(new HTTPRoute(), tree);
    route.setSpec(object(tree, "spec", spec -> {
      HTTPRouteSpec bound = new HTTPRouteSpec();
      bound.setHostnames(strings(spec, "hostnames"));
      bound.setParentRefs(parentRefs(spec));
      return bound;
    }));
    route.setStatus(object(tree, "status", status -> {
      HTTPRouteStatus bound = new HTTPRouteStatus();
      bound.setParents(parents(status));
      return bound;
    }));
    return route;
  }

  static GRPCRoute grpcRoute(Map<?, ?> tree) {
    GRPCRoute route = withMetadata(new GRPCRoute(), tree);
    route.setSpec(object(tree, "spec", spec -> {
      GRPCRouteSpec bound = new GRPCRouteSpec();
      bound.setHostnames(strings(spec, "hostnames"));
      bound.setParentRefs(parentRefs(spec));
      return bound;
    }));
    route.setStatus(object(tree, "status", status -> {
      GRPCRouteStatus bound = new GRPCRouteStatus();
      bound.setParents(parents(status));
      return bound;
    }));
    return route;
  }

  static TLSRoute tlsRoute(Map<?, ?> tree) {
    TLSRoute route = withMetadata(new TLSRoute(), tree);
    route.setSpec(object(tree, "spec", spec -> {
      TLSRouteSpec bound = new TLSRouteSpec();
      bound.setHostnames(strings(spec, "hostnames"));
      bound.setParentRefs(parentRefs(spec));
      return bound;
    }));
    route.setStatus(object(tree, "status", status -> {
      TLSRouteStatus bound = new TLSRouteStatus();
      bound.setParents(parents(status));
      return bound;
    }));
    return route;
  }

  private static List<ParentReference> parentRefs(Map<?, ?> spec) {
    return objects(spec, "parentRefs", GatewayBinding::parentReference);
  }

  private static ParentReference parentReference(Map<?, ?> tree) {
    ParentReference parent = new ParentReference();
    parent.setGroup(string(tree, "group"));
    parent.setKind(string(tree, "kind"));
    parent.setName(string(tree, "name"));
    parent.setNamespace(string(tree, "namespace"));
    return parent;
  }

  private static List<RouteParentStatus> parents(Map<?, ?> status) {
    return objects(status, "parents", parent -> {
      RouteParentStatus bound = new RouteParentStatus();
      bound.setParentRef(object(parent, "parentRef", GatewayBinding::parentReference));
      bound.setConditions(objects(parent, "conditions", condition -> {
        Condition accepted = new Condition();
        accepted.setType(string(condition, "type"));
        accepted.setStatus(string(condition, "status"));
        return accepted;
      }));
      return bound;
    });
  }
}
