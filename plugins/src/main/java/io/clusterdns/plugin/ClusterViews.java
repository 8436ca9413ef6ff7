package io.clusterdns.plugin;

import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewayView;
import java.net.InetAddress;
import java.util.List;

/**
 * Optional interface of a handler that keeps the cluster's objects (kubernetes), for the plugins
 * of its server block that answer other names from the same objects (k8s_external,
 * k8s_gateway), which find it with {@link SetupContext#sibling}. The views are swapped whole by
 * the handler's source and read without locks.
 */
public interface ClusterViews {
  /** The Services, endpoints and Pods the handler answers from. */
  ClusterView view();

  /**
   * The Ingresses and Gateway API objects of the same source: filled when the block also has
   * k8s_gateway, else always empty.
   */
  GatewayView gatewayView();

  /** Whether the handler serves the Services of {@code namespace} (its {@code namespaces}). */
  boolean namespaceAllowed(String namespace);

  /** Whether endpoints without a hostname are named after their Pod ({@code endpoint_pod_names}). */
  boolean endpointPodNames();

  /** This server's reachable addresses, which tell the Services that front it. */
  List<InetAddress> localAddresses();
}
