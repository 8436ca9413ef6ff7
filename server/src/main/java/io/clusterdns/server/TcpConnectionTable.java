package io.clusterdns.server;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open TCP connections of one listener and how many each client address holds. Used by the
 * selector thread only. When a newcomer would pass a cap, the connection idle longest gives way
 * (of the newcomer's own address when that address is at its cap), so that connections held open
 * without queries cannot shut out new clients.
 */
final class TcpConnectionTable {
  private final int maxConnections;
  private final int maxPerClient;
  private final List<TcpConnection> open = new ArrayList<>();
  private final Map<InetAddress, Integer> perClient = new HashMap<>();

  TcpConnectionTable(int maxConnections, int maxPerClient) {
    this.maxConnections = maxConnections;
    this.maxPerClient = maxPerClient;
  }

  /**
   * The connection that must be closed to make room for one more from {@code client}, or null
   * when there is room.
   */
  TcpConnection victimFor(InetAddress client) {
    if (perClient.getOrDefault(client, 0) >= maxPerClient) {
      return idleLongest(client);
    }
    return open.size() >= maxConnections ? idleLongest(null) : null;
  }

  /** Scans rather than keeping an order: it runs only at a cap, and then costs microseconds. */
  private TcpConnection idleLongest(InetAddress client) {
    TcpConnection oldest = null;
    for (TcpConnection connection : open) {
      if ((client == null || client.equals(connection.client()))
          && (oldest == null || connection.lastActivity() - oldest.lastActivity() < 0)) {
        oldest = connection;
      }
    }
    return oldest;
  }

  void add(TcpConnection connection) {
    connection.index = open.size();
    open.add(connection);
    perClient.merge(connection.client(), 1, Integer::sum);
  }

  private void remove(TcpConnection connection) {
    int index = connection.index;
    if (index < 0) {
      return;
    }
    TcpConnection last = open.remove(open.size() - 1);
    if (last != connection) {
      open.set(index, last);
      last.index = index;
    }
    connection.index = -1;
    perClient.computeIfPresent(connection.client(), (client, count) -> count == 1 ? null : count - 1);
  }

  /** Closes a connection and takes it out of the table. */
  void close(TcpConnection connection) {
    connection.close();
    remove(connection);
  }

  /** The open connections; a copy, so that the caller may close them while iterating. */
  List<TcpConnection> snapshot() {
    return List.copyOf(open);
  }

  int size() {
    return open.size();
  }
}
