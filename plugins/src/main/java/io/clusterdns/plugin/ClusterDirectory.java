package io.clusterdns.plugin;

import java.net.InetAddress;
import java.util.List;

/**
 * Optional interface of a handler that knows the cluster's Pods (kubernetes): for explain, which
 * builds the resolv.conf of a client given by its Pod's address. Never asked on the query path.
 */
public interface ClusterDirectory {
  /** The cluster domain the kubelet puts in a Pod's search path, without the trailing dot. */
  String clusterDomain();

  /**
   * The namespaces of the running Pods that hold {@code address}, one entry per Pod; empty when
   * no Pod is known to hold it.
   *
   * @throws IllegalStateException when this handler does not keep Pods at all, saying why
   */
  List<String> podNamespaces(InetAddress address);
}
