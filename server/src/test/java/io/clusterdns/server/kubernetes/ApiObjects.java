package io.clusterdns.server.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.Map;

/** Small builders for the API objects the tests write. */
final class ApiObjects {
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private ApiObjects() {}

  static Namespace namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  /** A Service with one named port {@code http/TCP 80}; clusterIP {@code None} makes it headless. */
  static Service service(String namespace, String name, String clusterIp, Map<String, String> labels) {
    return new ServiceBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withClusterIP(clusterIp)
        .addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort()
        .endSpec()
        .build();
  }

  static Service service(String namespace, String name, String clusterIp) {
    return service(namespace, name, clusterIp, Map.of());
  }

  static Service externalName(String namespace, String name, String target) {
    return new ServiceBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withNewSpec().withType("ExternalName").withExternalName(target).endSpec()
        .build();
  }

  /** An empty IPv4 slice of {@code service} with port {@code http/TCP 8080}; add endpoints to it. */
  static EndpointSliceBuilder slice(String namespace, String name, String service) {
    return new EndpointSliceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .addToLabels(SERVICE_NAME_LABEL, service)
        .endMetadata()
        .withAddressType("IPv4")
        .addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort();
  }

  /** An endpoint whose {@code conditions.ready} is the given value, or absent when null. */
  static EndpointBuilder endpoint(String ip, Boolean ready) {
    EndpointBuilder endpoint = new EndpointBuilder().withAddresses(ip);
    if (ready != null) {
      endpoint.withNewConditions().withReady(ready).endConditions();
    }
    return endpoint;
  }

  static EndpointSlice slice(String namespace, String name, String service, String ip, Map<String, String> labels) {
    return slice(namespace, name, service)
        .editMetadata().addToLabels(labels).endMetadata()
        .addToEndpoints(endpoint(ip, true).build())
        .build();
  }

  static Pod runningPod(String namespace, String name, String ip, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .withNewStatus().withPhase("Running").withPodIP(ip).endStatus()
        .build();
  }
}
