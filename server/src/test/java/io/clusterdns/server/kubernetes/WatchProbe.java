package io.clusterdns.server.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * Proves that a server's watches are open by writing one object of each watched kind and seeing
 * it answered. Closing informers while the mock API still streams a watch's opening events can
 * hang the mock's shutdown (java-stack.md §2.1), so classes call this before closing.
 */
final class WatchProbe {
  private static final String SERVICE = "watch-probe";
  private static final String ENDPOINT_IP = "10.255.255.1";
  private static final String POD_IP = "10.255.255.2";

  private WatchProbe() {}

  /**
   * @param namespace an exposed namespace, created when missing
   * @param labels labels every probe object carries, to pass the server's {@code labels}
   * @param pods whether the server watches Pods ({@code pods verified})
   */
  static void awaitWatching(
      KubernetesClient k8s, InetSocketAddress dns, String namespace, Map<String, String> labels, boolean pods) {
    if (k8s.namespaces().withName(namespace).get() == null) {
      k8s.namespaces().resource(ApiObjects.namespace(namespace)).create();
    }
    k8s.services().resource(ApiObjects.service(namespace, SERVICE, "None", labels)).create();
    k8s.discovery().v1().endpointSlices()
        .resource(ApiObjects.slice(namespace, SERVICE + "-1", SERVICE, ENDPOINT_IP, labels))
        .create();
    Dig.awaitAnswer(dns, SERVICE + "." + namespace + ".svc.cluster.local.", Type.A, "NOERROR A " + ENDPOINT_IP);
    if (pods) {
      k8s.pods().resource(ApiObjects.runningPod(namespace, SERVICE, POD_IP, labels)).create();
      Dig.awaitAnswer(
          dns, POD_IP.replace('.', '-') + "." + namespace + ".pod.cluster.local.", Type.A, "NOERROR A " + POD_IP);
    }
  }
}
