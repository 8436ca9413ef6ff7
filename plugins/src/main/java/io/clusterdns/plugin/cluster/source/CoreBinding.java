package io.clusterdns.plugin.cluster.source;

import static io.clusterdns.plugin.cluster.source.TreeFields.bool;
import static io.clusterdns.plugin.cluster.source.TreeFields.integer;
import static io.clusterdns.plugin.cluster.source.TreeFields.object;
import static io.clusterdns.plugin.cluster.source.TreeFields.objects;
import static io.clusterdns.plugin.cluster.source.TreeFields.string;
import static io.clusterdns.plugin.cluster.source.TreeFields.stringMap;
import static io.clusterdns.plugin.cluster.source.TreeFields.strings;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Map;

/**
 * Binds the core and discovery kinds from parsed manifests into the Kubernetes model, setting
 * only the fields that {@link ServiceConversion}, {@link SliceConversion}, {@link
 * EndpointsMirroring} and {@link PodConversion} read: the model objects from a file then go
 * through the same conversions as those from the API. Every other field is left unread and
 * unchecked. Binding by hand instead of through Jackson's reflection takes a fraction of the
 * time, which is most of the load time of a large cluster.
 */
final class CoreBinding {
  private CoreBinding() {}

  /**
   * Name, namespace, labels and annotations. Every object needs its metadata: the conversions
   * key objects by name.
   */
  static <T extends HasMetadata> T withMetadata(T object, Map<?, ?> tree) {
    ObjectMeta metadata = object(tree, "metadata", CoreBinding::metadata);
    if (metadata == null) {
      throw new FieldException("metadata", "missing; " + object.getKind() + " needs metadata.name");
    }
    object.setMetadata(metadata);
    return object;
  }

  private static ObjectMeta metadata(Map<?, ?> tree) {
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(string(tree, "name"));
    metadata.setNamespace(string(tree, "namespace"));
    metadata.setLabels(stringMap(tree, "labels"));
    metadata.setAnnotations(stringMap(tree, "annotations"));
    return metadata;
  }

  static Namespace namespace(Map<?, ?> tree) {
    return withMetadata(new Namespace(), tree);
  }

  static Service service(Map<?, ?> tree) {
    Service service = withMetadata(new Service(), tree);
    service.setSpec(object(tree, "spec", CoreBinding::serviceSpec));
    service.setStatus(object(tree, "status", CoreBinding::serviceStatus));
    return service;
  }

  private static ServiceSpec serviceSpec(Map<?, ?> tree) {
    ServiceSpec spec = new ServiceSpec();
    spec.setType(string(tree, "type"));
    spec.setExternalName(string(tree, "externalName"));
    spec.setClusterIP(string(tree, "clusterIP"));
    spec.setClusterIPs(strings(tree, "clusterIPs"));
    spec.setExternalIPs(strings(tree, "externalIPs"));
    spec.setPublishNotReadyAddresses(bool(tree, "publishNotReadyAddresses"));
    spec.setPorts(objects(tree, "ports", CoreBinding::servicePort));
    return spec;
  }

  private static ServicePort servicePort(Map<?, ?> tree) {
    ServicePort port = new ServicePort();
    port.setName(string(tree, "name"));
    port.setProtocol(string(tree, "protocol"));
    port.setPort(integer(tree, "port"));
    return port;
  }

  private static ServiceStatus serviceStatus(Map<?, ?> tree) {
    ServiceStatus status = new ServiceStatus();
    status.setLoadBalancer(object(tree, "loadBalancer", lb -> {
      LoadBalancerStatus balancer = new LoadBalancerStatus();
      balancer.setIngress(objects(lb, "ingress", ingress -> {
        LoadBalancerIngress address = new LoadBalancerIngress();
        address.setIp(string(ingress, "ip"));
        address.setHostname(string(ingress, "hostname"));
        return address;
      }));
      return balancer;
    }));
    return status;
  }

  static EndpointSlice endpointSlice(Map<?, ?> tree) {
    EndpointSlice slice = withMetadata(new EndpointSlice(), tree);
    slice.setPorts(objects(tree, "ports", port -> {
      EndpointPort bound = new EndpointPort();
      bound.setName(string(port, "name"));
      bound.setProtocol(string(port, "protocol"));
      bound.setPort(integer(port, "port"));
      return bound;
    }));
    slice.setEndpoints(objects(tree, "endpoints", CoreBinding::endpoint));
    return slice;
  }

  private static Endpoint endpoint(Map<?, ?> tree) {
    Endpoint endpoint = new Endpoint();
    endpoint.setAddresses(strings(tree, "addresses"));
    endpoint.setConditions(object(tree, "conditions", conditions -> {
      EndpointConditions bound = new EndpointConditions();
      bound.setReady(bool(conditions, "ready"));
      return bound;
    }));
    endpoint.setHostname(string(tree, "hostname"));
    endpoint.setZone(string(tree, "zone"));
    endpoint.setTargetRef(object(tree, "targetRef", CoreBinding::reference));
    return endpoint;
  }

  private static ObjectReference reference(Map<?, ?> tree) {
    ObjectReference reference = new ObjectReference();
    reference.setKind(string(tree, "kind"));
    reference.setName(string(tree, "name"));
    return reference;
  }

  static Endpoints endpoints(Map<?, ?> tree) {
    Endpoints endpoints = withMetadata(new Endpoints(), tree);
    endpoints.setSubsets(objects(tree, "subsets", subset -> {
      EndpointSubset bound = new EndpointSubset();
      bound.setAddresses(objects(subset, "addresses", CoreBinding::endpointAddress));
      bound.setNotReadyAddresses(objects(subset, "notReadyAddresses", CoreBinding::endpointAddress));
      bound.setPorts(objects(subset, "ports", port -> {
        io.fabric8.kubernetes.api.model.EndpointPort corePort = new io.fabric8.kubernetes.api.model.EndpointPort();
        corePort.setName(string(port, "name"));
        corePort.setProtocol(string(port, "protocol"));
        corePort.setPort(integer(port, "port"));
        return corePort;
      }));
      return bound;
    }));
    return endpoints;
  }

  private static EndpointAddress endpointAddress(Map<?, ?> tree) {
    EndpointAddress address = new EndpointAddress();
    address.setIp(string(tree, "ip"));
    address.setHostname(string(tree, "hostname"));
    address.setTargetRef(object(tree, "targetRef", CoreBinding::reference));
    return address;
  }

  static Pod pod(Map<?, ?> tree) {
    Pod pod = withMetadata(new Pod(), tree);
    pod.setSpec(object(tree, "spec", spec -> {
      PodSpec bound = new PodSpec();
      bound.setHostNetwork(bool(spec, "hostNetwork"));
      return bound;
    }));
    pod.setStatus(object(tree, "status", status -> {
      PodStatus bound = new PodStatus();
      bound.setPhase(string(status, "phase"));
      bound.setPodIP(string(status, "podIP"));
      return bound;
    }));
    return pod;
  }
}
