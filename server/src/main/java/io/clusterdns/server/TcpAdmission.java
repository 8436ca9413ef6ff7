package io.clusterdns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a TCP listener's new connections into its table and its selector, within the caps: at
 * the connection cap, or the client address's, the connection idle longest is closed to make
 * room ({@link TcpConnectionTable#victimFor}). Used by the selector thread only.
 */
final class TcpAdmission {
  private static final Logger LOG = LoggerFactory.getLogger(TcpAdmission.class);

  private final ServerSocketChannel server;
  private final Selector selector;
  private final TcpConnectionTable connections;

  TcpAdmission(ServerSocketChannel server, Selector selector, TcpConnectionTable connections) {
    this.server = server;
    this.selector = selector;
    this.connections = connections;
  }

  /** Admits every connection waiting; a failure is logged unless the listener is stopping. */
  void acceptAll(boolean stopping) {
    SocketChannel channel;
    try {
      while ((channel = server.accept()) != null) {
        admit(channel);
      }
    } catch (IOException e) {
      if (!stopping) {
        LOG.error("TCP accept on {} failed: {}", server, e.toString());
      }
    }
  }

  private void admit(SocketChannel channel) throws IOException {
    try {
      InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
      TcpConnection victim = connections.victimFor(remote.getAddress());
      if (victim != null) {
        LOG.debug("closing the TCP connection idle longest, from {}, to admit {}", victim.remote(), remote);
        connections.close(victim);
      }
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
      TcpConnection connection = new TcpConnection(channel, remote, key, System.nanoTime());
      key.attach(connection);
      connections.add(connection);
    } catch (IOException e) {
      // The client went away between connecting and being admitted.
      channel.close();
    }
  }
}
