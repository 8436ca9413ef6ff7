package io.clusterdns.testing;

import java.util.List;

/**
 * A running Pod: what {@code <a-b-c-d>.<namespace>.pod.cluster.local} answers from (the test
 * server runs the kubernetes plugin with {@code pods verified}, so only declared Pods answer).
 */
public record PodObject(String name, String namespace, String ip) implements KubeObject {
  public PodObject {
    KubeNames.subdomain("Pod name", name);
    KubeNames.label("namespace", namespace);
    if (ip != null) {
      Addresses.checked(ip);
    }
  }

  static PodObject named(String name) {
    return new PodObject(name, "default", null);
  }

  public PodObject namespace(String namespace) {
    return new PodObject(name, namespace, ip);
  }

  /** The Pod's address ({@code status.podIP}), IPv4 or IPv6. */
  public PodObject ip(String ip) {
    return new PodObject(name, namespace, ip);
  }

  @Override
  public String kind() {
    return "Pod";
  }

  @Override
  public List<String> manifests() {
    String status = ip == null
        ? "{\"phase\":\"Running\"}"
        : "{\"phase\":\"Running\",\"podIP\":" + Json.string(ip) + ",\"podIPs\":[{\"ip\":" + Json.string(ip) + "}]}";
    return List.of("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":" + Json.string(name)
        + ",\"namespace\":" + Json.string(namespace) + "},\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"none\"}]},\"status\":"
        + status + "}");
  }
}
