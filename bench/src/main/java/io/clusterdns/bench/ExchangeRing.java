package io.clusterdns.bench;

import io.clusterdns.server.ClusterDns;
import java.io.IOException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An in-process server asked {@value #QUERIES} pre-built queries in turn through {@link
 * ClusterDns#exchange}, so that look-ups do not all hit one name. The subclass starts the server
 * and fills the ring in its set-up.
 */
public abstract class ExchangeRing extends BenchmarkSettings {
  /** A power of two, so that the next index is a mask. */
  protected static final int QUERIES = 4096;

  protected ClusterDns server;
  protected final byte[][] queries = new byte[QUERIES][];
  private int next;

  /** The reply to the next query of the ring. */
  protected byte[] exchangeNext() {
    byte[] query = queries[next];
    next = (next + 1) & (QUERIES - 1);
    return server.exchange(query);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    server.close();
  }
}
