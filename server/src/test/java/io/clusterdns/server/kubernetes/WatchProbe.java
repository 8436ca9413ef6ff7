package io.clusterdns.server.kubernetes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * Proves that servers' watches are open and idle by writing one object of each watched kind and
 * seeing it answered. Closing an informer while the mock API still sends it an event (such as
 * the opening ADDED events of a new watch) blocks the mock's shutdown; a
 * watch delivers in order, so once the last write is answered nothing is left in flight.
 *
 * <p>fabric8's mock API does not replay what changed since the resource version a watch asks
 * from, as a real API server does: a write that lands before the mock has registered a watch
 * (which a loaded machine delays by seconds) never reaches that watch. So while the answer is
 * missing, the probe writes its objects again (an annotation), each write an event for any watch
 * open by then, which brings the whole object.
 */
final class WatchProbe {
  private static final String SERVICE = "watch-probe";
  private static final String ENDPOINT_IP = "10.255.255.1";
  private static final String POD_IP = "10.255.255.2";
  private static final String TOUCHED = "clusterdns.io/watch-probe";
  private static final Duration TOUCH_EVERY = Duration.ofMillis(500);

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
    boolean pods = !podWatchers.isEmpty();
    if (pods) {
      k8s.pods().resource(ApiObjects.runningPod(namespace, SERVICE, POD_IP, labels)).create();
    }
    String serviceName = SERVICE + "." + namespace + ".svc.cluster.local.";
    String podName = POD_IP.replace('.', '-') + "." + namespace + ".pod.cluster.local.";
    long[] lastWrite = {System.nanoTime()};
    int[] writes = {0};
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          try {
            for (InetSocketAddress dns : servers) {
              assertEquals("NOERROR A " + ENDPOINT_IP, Dig.answer(dns, serviceName, Type.A), serviceName + " A");
            }
            for (InetSocketAddress dns : podWatchers) {
              assertEquals("NOERROR A " + POD_IP, Dig.answer(dns, podName, Type.A), podName + " A");
            }
          } catch (AssertionError missing) {
            if (System.nanoTime() - lastWrite[0] >= TOUCH_EVERY.toNanos()) {
              touch(k8s, namespace, pods, Integer.toString(++writes[0]));
              lastWrite[0] = System.nanoTime();
            }
            throw missing;
          }
        });
  }

  private static void touch(KubernetesClient k8s, String namespace, boolean pods, String value) {
    k8s.namespaces().withName(namespace).edit(object -> annotated(object, value));
    k8s.services().inNamespace(namespace).withName(SERVICE).edit(object -> annotated(object, value));
    k8s.discovery().v1().endpointSlices().inNamespace(namespace).withName(SERVICE + "-1")
        .edit(object -> annotated(object, value));
    if (pods) {
      k8s.pods().inNamespace(namespace).withName(SERVICE).edit(object -> annotated(object, value));
    }
  }

  private static <T extends HasMetadata> T annotated(T object, String value) {
    Map<String, String> annotations = new HashMap<>();
    if (object.getMetadata().getAnnotations() != null) {
      annotations.putAll(object.getMetadata().getAnnotations());
    }
    annotations.put(TOUCHED, value);
    object.getMetadata().setAnnotations(annotations);
    return object;
  }
}
