package io.clusterdns.plugin;

import java.net.InetAddress;
import java.util.List;

/**
 * Optional interface of a handler that chooses the addresses its server block listens on (the
 * bind plugin). A block without one listens on the server's default address. The server groups
 * the blocks by address and port, so blocks on one port with different addresses get listeners
 * of their own.
 */
public interface ListenAddresses {
  /** The addresses, at least one, without duplicates. */
  List<InetAddress> listenAddresses();
}
