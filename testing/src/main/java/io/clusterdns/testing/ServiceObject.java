package io.clusterdns.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Service and its endpoints (written as EndpointSlices, one per address family): a ClusterIP
 * Service, a headless one ({@link #headless}), or an ExternalName alias ({@link #externalName}).
 * Endpoints may be ready or not, and may carry a host name as a StatefulSet's Pods do
 * ({@code web-0.web.default.svc.cluster.local}).
 */
public record ServiceObject(
    String name,
    String namespace,
    String clusterIp,
    String externalName,
    List<Port> ports,
    List<Endpoint> endpoints) implements KubeObject {

  /** A named port; the names make the SRV records {@code _<name>._<protocol>.<service>…}. */
  public record Port(String name, int port, String protocol) {
    public Port {
      KubeNames.label("port name", name);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1–65535, got " + port);
      }
      if (!List.of("TCP", "UDP", "SCTP").contains(protocol)) {
        throw new IllegalArgumentException("protocol must be TCP, UDP or SCTP, got " + protocol);
      }
    }
  }

  /** One endpoint address; {@code hostname} may be null. */
  public record Endpoint(String ip, String hostname, boolean ready) {
    public Endpoint {
      Addresses.checked(ip);
      if (hostname != null) {
        KubeNames.label("endpoint hostname", hostname);
      }
    }
  }

  private static final String HEADLESS = "None";

  public ServiceObject {
    KubeNames.service(name);
    KubeNames.label("namespace", namespace);
    ports = List.copyOf(ports);
    endpoints = List.copyOf(endpoints);
  }

  static ServiceObject named(String name) {
    return new ServiceObject(name, "default", null, null, List.of(), List.of());
  }

  public ServiceObject namespace(String namespace) {
    return new ServiceObject(name, namespace, clusterIp, externalName, ports, endpoints);
  }

  /** The Service's cluster IP: its A (or AAAA) answer. */
  public ServiceObject clusterIp(String ip) {
    return new ServiceObject(name, namespace, Addresses.checked(ip), null, ports, endpoints);
  }

  /** No cluster IP: the name answers with the ready endpoints' addresses. */
  public ServiceObject headless() {
    return new ServiceObject(name, namespace, HEADLESS, null, ports, endpoints);
  }

  /** An ExternalName Service: the name answers with a CNAME to {@code target}. */
  public ServiceObject externalName(String target) {
    return new ServiceObject(name, namespace, null, Objects.requireNonNull(target), List.of(), List.of());
  }

  /** Adds a TCP port. */
  public ServiceObject port(String portName, int port) {
    return port(portName, port, "TCP");
  }

  public ServiceObject port(String portName, int port, String protocol) {
    List<Port> more = new ArrayList<>(ports);
    more.add(new Port(portName, port, protocol));
    return new ServiceObject(name, namespace, clusterIp, externalName, more, endpoints);
  }

  /** Adds a ready endpoint. */
  public ServiceObject endpoint(String ip) {
    return withEndpoint(new Endpoint(Addresses.checked(ip), null, true));
  }

  /** Adds a ready endpoint with a host name, as a StatefulSet Pod behind its headless Service. */
  public ServiceObject endpoint(String hostname, String ip) {
    return withEndpoint(new Endpoint(Addresses.checked(ip), Objects.requireNonNull(hostname), true));
  }

  /** Adds an endpoint that is not ready: left out of answers. */
  public ServiceObject notReadyEndpoint(String ip) {
    return withEndpoint(new Endpoint(Addresses.checked(ip), null, false));
  }

  /** The same Service with the endpoint at {@code ip} made ready or not ready. */
  public ServiceObject ready(String ip, boolean ready) {
    List<Endpoint> changed = new ArrayList<>();
    boolean found = false;
    for (Endpoint e : endpoints) {
      found |= e.ip().equals(ip);
      changed.add(e.ip().equals(ip) ? new Endpoint(e.ip(), e.hostname(), ready) : e);
    }
    if (!found) {
      throw new IllegalArgumentException(name + " has no endpoint " + ip);
    }
    return new ServiceObject(name, namespace, clusterIp, externalName, ports, changed);
  }

  /** The same Service without the endpoint at {@code ip}. */
  public ServiceObject withoutEndpoint(String ip) {
    List<Endpoint> kept = endpoints.stream().filter(e -> !e.ip().equals(ip)).toList();
    if (kept.size() == endpoints.size()) {
      throw new IllegalArgumentException(name + " has no endpoint " + ip);
    }
    return new ServiceObject(name, namespace, clusterIp, externalName, ports, kept);
  }

  private ServiceObject withEndpoint(Endpoint endpoint) {
    if (externalName != null) {
      throw new IllegalStateException("an ExternalName Service has no endpoints");
    }
    List<Endpoint> more = new ArrayList<>(endpoints);
    more.add(endpoint);
    return new ServiceObject(name, namespace, clusterIp, externalName, ports, more);
  }

  @Override
  public String kind() {
    return "Service";
  }

  @Override
  public List<String> manifests() {
    List<String> documents = new ArrayList<>();
    StringBuilder spec = new StringBuilder("{");
    if (externalName != null) {
      spec.append("\"type\":\"ExternalName\",\"externalName\":").append(Json.string(externalName));
    } else {
      spec.append("\"type\":\"ClusterIP\"");
      if (clusterIp != null) {
        spec.append(",\"clusterIP\":").append(Json.string(clusterIp))
            .append(",\"clusterIPs\":[").append(Json.string(clusterIp)).append(']');
      }
    }
    spec.append(",\"ports\":").append(portsJson(true)).append('}');
    documents.add("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":" + metadata(name, "")
        + ",\"spec\":" + spec + "}");
    for (String family : List.of("IPv4", "IPv6")) {
      List<Endpoint> ofFamily =
          endpoints.stream().filter(e -> Addresses.isIpv6(e.ip()) == family.equals("IPv6")).toList();
      if (!ofFamily.isEmpty()) {
        documents.add(slice(family, ofFamily));
      }
    }
    return documents;
  }

  private String slice(String family, List<Endpoint> ofFamily) {
    StringBuilder list = new StringBuilder("[");
    for (Endpoint e : ofFamily) {
      if (list.length() > 1) {
        list.append(',');
      }
      list.append("{\"addresses\":[").append(Json.string(e.ip())).append(']');
      if (e.hostname() != null) {
        list.append(",\"hostname\":").append(Json.string(e.hostname()));
      }
      list.append(",\"conditions\":{\"ready\":").append(e.ready()).append("}}");
    }
    list.append(']');
    String labels = ",\"labels\":{\"kubernetes.io/service-name\":" + Json.string(name) + "}";
    return "{\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSlice\",\"metadata\":"
        + metadata(name + "-" + family.toLowerCase(java.util.Locale.ROOT), labels)
        + ",\"addressType\":\"" + family + "\",\"ports\":" + portsJson(false) + ",\"endpoints\":" + list + "}";
  }

  private String metadata(String objectName, String extra) {
    return "{\"name\":" + Json.string(objectName) + ",\"namespace\":" + Json.string(namespace) + extra + "}";
  }

  private String portsJson(boolean service) {
    StringBuilder out = new StringBuilder("[");
    for (Port p : ports) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append("{\"name\":").append(Json.string(p.name())).append(",\"port\":").append(p.port())
          .append(",\"protocol\":").append(Json.string(p.protocol()));
      if (service) {
        out.append(",\"targetPort\":").append(p.port());
      }
      out.append('}');
    }
    return out.append(']').toString();
  }
}
