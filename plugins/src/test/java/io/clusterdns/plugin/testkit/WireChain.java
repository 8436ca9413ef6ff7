package io.clusterdns.plugin.testkit;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Request;
import org.xbill.DNS.Message;

/**
 * The rest of a chain that has a reply in wire form (or none), as a cache hit behind the plugin
 * under test: what a pass-through plugin's {@code serveWire} must hand on. Its message path
 * fails, since the wire path must not run it.
 */
public final class WireChain implements Chain {
  private final byte[] wire;
  private int asked;

  private WireChain(byte[] wire) {
    this.wire = wire;
  }

  /** A chain whose wire path gives {@code wire}, the same array each time; null for none. */
  public static WireChain of(byte[] wire) {
    return new WireChain(wire);
  }

  /** How many times the wire path was asked. */
  public int asked() {
    return asked;
  }

  @Override
  public byte[] nextWire(Request request, int maxLength) {
    asked++;
    return wire;
  }

  @Override
  public Message next(Request request) {
    throw new AssertionError("the wire path ran the message path");
  }
}
