package io.clusterdns.server.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * Proves that servers' watches are open and idle by writing one object of each watched kind and
 * seeing it answered. Closing an informer while the mock API still sends it an event (such as
 * the opening ADDED events of a new watch) blocks the mock's shutdown; a
 * watch delivers in order, so once the last write is answered nothing is left in flight.
 */
final class WatchProbe {
  private static final String SERVICE = "watch-probe";
  private static final String ENDPOINT_IP = "10.255.255.1";
  private static final String POD_IP = "10.255.255.2";

  private WatchProbe() {}

  /**
   * @param namespace a namespace every server exposes, created when missing
   * @param labels labels every probe object carries, to pass the servers' {@code labels}
   * @param servers every server watching the API
   * @param podWatchers those of them that watch Pods ({@code pods verified}); a Pod is written
   *     when there are any
   */
  static void awaitWatching(
      KubernetesClient k8s,
      String namespace,
      Map<String, String> labels,
      List<InetSocketAddress> servers,
      List<InetSocketAddress> podWatchers) {
    if (k8s.namespaces().withName(namespace).get() == null) {
      k8s.namespaces().resource(ApiObjects.namespace(namespace)).create();
    }
    k8s.services().resource(ApiObjects.service(namespace, SERVICE, "None", labels)).create();
    k8s.discovery().v1().endpointSlices()
        .resource(ApiObjects.slice(namespace, SERVICE + "-1", SERVICE, ENDPOINT_IP, labels))
        .create();
    if (!podWatchers.isEmpty()) {
      k8s.pods().resource(ApiObjects.runningPod(namespace, SERVICE, POD_IP, labels)).create();
    }
    for (InetSocketAddress dns : servers) {
      Dig.awaitAnswer(dns, SERVICE + "." + namespace + ".svc.cluster.local.", Type.A, "NOERROR A " + ENDPOINT_IP);
    }
    for (InetSocketAddress dns : podWatchers) {
      Dig.awaitAnswer(
          dns, POD_IP.replace('.', '-') + "." + namespace + ".pod.cluster.local.", Type.A, "NOERROR A " + POD_IP);
    }
  }
}
