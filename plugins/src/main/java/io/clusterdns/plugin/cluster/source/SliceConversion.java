package io.clusterdns.plugin.cluster.source;

import io.clusterdns.config.IpLiteral;
import io.clusterdns.plugin.cluster.EndpointInfo;
import io.clusterdns.plugin.cluster.PortInfo;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.net.InetAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a discovery.k8s.io/v1 EndpointSlice into a {@link SliceInfo} (rules R1, R2, R6, docs/decisions.md). */
final class SliceConversion {
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  static final String LAST_CHANGE_TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
  private static final Logger LOG = LoggerFactory.getLogger(SliceConversion.class);

  private SliceConversion() {}

  /**
   * The {@code endpoints.kubernetes.io/last-change-trigger-time} annotation the EndpointSlice
   * controller sets (RFC 3339), or null when it is absent or unreadable (logged, as CoreDNS does).
   */
  static Instant lastChangeTrigger(EndpointSlice slice) {
    Map<String, String> annotations = slice.getMetadata().getAnnotations();
    String text = annotations == null ? null : annotations.get(LAST_CHANGE_TRIGGER_TIME);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      LOG.warn("EndpointSlice {}/{}: annotation {} '{}' is not an RFC 3339 time",
          slice.getMetadata().getNamespace(), slice.getMetadata().getName(), LAST_CHANGE_TRIGGER_TIME, text);
      return null;
    }
  }

  static String id(String namespace, String name) {
    return "EndpointSlice/" + Names.lower(namespace) + "/" + Names.lower(name);
  }

  /** The converted slice, or null when no Service owns it (no service-name label). */
  static SliceInfo toInfo(EndpointSlice slice) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    String serviceName = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
    if (serviceName == null || serviceName.isEmpty()) {
      return null;
    }
    List<PortInfo> ports = ports(slice.getPorts());
    List<EndpointInfo> ready = new ArrayList<>();
    List<EndpointInfo> all = new ArrayList<>();
    if (slice.getEndpoints() != null) {
      for (Endpoint endpoint : slice.getEndpoints()) {
        boolean isReady =
            endpoint.getConditions() == null
                || endpoint.getConditions().getReady() == null
                || endpoint.getConditions().getReady();
        for (String address : nonNull(endpoint.getAddresses())) {
          InetAddress ip = IpLiteral.parse(address).orElse(null);
          if (ip == null) {
            continue;
          }
          EndpointInfo info =
              new EndpointInfo(
                  ip,
                  Names.lowerOrNull(endpoint.getHostname()),
                  podName(endpoint.getTargetRef()),
                  endpoint.getZone(),
                  ports);
          all.add(info);
          if (isReady) {
            ready.add(info);
          }
        }
      }
    }
    String namespace = slice.getMetadata().getNamespace();
    return new SliceInfo(
        id(namespace, slice.getMetadata().getName()),
        Names.lower(namespace),
        Names.lower(serviceName),
        ready,
        all);
  }

  static String podName(ObjectReference ref) {
    if (ref == null || (ref.getKind() != null && !"Pod".equals(ref.getKind()))) {
      return null;
    }
    return Names.lowerOrNull(ref.getName());
  }

  private static List<PortInfo> ports(List<EndpointPort> ports) {
    return ports(ports, EndpointPort::getName, EndpointPort::getProtocol, EndpointPort::getPort);
  }

  /**
   * The ports of an EndpointSlice or of a core/v1 Endpoints subset: the two models have port
   * classes of their own with the same three fields. A port without a number is left out.
   * Unmodifiable, so that the endpoints given it share it ({@link EndpointInfo} keeps an
   * unmodifiable list as it is): a slice's ports are one list, not one copy per endpoint.
   */
  static <P> List<PortInfo> ports(
      List<P> ports, Function<P, String> name, Function<P, String> protocol, Function<P, Integer> number) {
    List<PortInfo> converted = new ArrayList<>();
    for (P port : nonNull(ports)) {
      Integer value = number.apply(port);
      if (value != null) {
        converted.add(new PortInfo(
            Names.lower(name.apply(port)), ServiceConversion.protocol(protocol.apply(port)), value));
      }
    }
    return List.copyOf(converted);
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
