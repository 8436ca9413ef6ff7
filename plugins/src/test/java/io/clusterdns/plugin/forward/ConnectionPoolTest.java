package io.clusterdns.plugin.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idle-connection pool of one upstream: newest first, max_idle_conns, expire and sweep. */
class ConnectionPoolTest {
  private final MutableClock clock = new MutableClock();
  private final ServerSocket listener;
  private final UpstreamAddress upstream;

  ConnectionPoolTest() throws Exception {
    // Connections complete in the listen backlog; nothing needs to be accepted.
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    upstream = new UpstreamAddress(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), false);
  }

  @AfterEach
  void close() throws Exception {
    listener.close();
  }

  private StreamConnection connection() throws Exception {
    return StreamConnection.open(upstream, null, null, 1000);
  }

  @Test
  void newestIdleConnectionIsTakenFirst() throws Exception {
    try (ConnectionPool pool = new ConnectionPool(Duration.ofSeconds(10), 0, clock)) {
      StreamConnection older = connection();
      StreamConnection newer = connection();
      pool.release(older);
      pool.release(newer);

      assertSame(newer, pool.take());
      assertSame(older, pool.take());
      assertNull(pool.take());
    }
  }

  @Test
  void maxIdleConnsClosesTheSurplus() throws Exception {
    try (ConnectionPool pool = new ConnectionPool(Duration.ofSeconds(10), 2, clock)) {
      for (int i = 0; i < 3; i++) {
        pool.release(connection());
      }
      assertEquals(2, pool.idleCount());
    }
  }

  @Test
  void expiredConnectionsAreNeitherTakenNorKept() throws Exception {
    try (ConnectionPool pool = new ConnectionPool(Duration.ofSeconds(10), 0, clock)) {
      pool.release(connection());
      clock.advance(Duration.ofSeconds(9));
      pool.release(connection());

      clock.advance(Duration.ofSeconds(2));
      pool.sweep();
      assertEquals(1, pool.idleCount(), "the first one expired");

      clock.advance(Duration.ofSeconds(9));
      assertNull(pool.take(), "the second one expired too");
      assertEquals(0, pool.idleCount());
    }
  }
}
