package io.clusterdns.plugin.cluster;

import java.net.InetAddress;

/**
 * What {@code pods verified} and autopath need of a running Pod.
 *
 * @param hostNetwork whether the Pod uses its node's network, so that its address is the node's
 *     and tells nothing of who sends from it
 */
public record PodInfo(String namespace, String name, InetAddress ip, boolean hostNetwork) {
  /** A Pod with an address of its own. */
  public PodInfo(String namespace, String name, InetAddress ip) {
    this(namespace, name, ip, false);
  }
}
