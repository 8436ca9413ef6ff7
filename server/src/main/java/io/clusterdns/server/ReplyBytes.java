package io.clusterdns.server;

import io.clusterdns.plugin.DeliveryFault;
import io.clusterdns.plugin.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.xbill.DNS.Message;

/**
 * The bytes that go back for a reply: always with the query's ID, or as a handler's {@link
 * DeliveryFault} asks (none, another ID, later).
 */
final class ReplyBytes {
  private ReplyBytes() {}

  /** The reply's wire form, always with the query's ID, whatever ID the handler's message has. */
  static byte[] encode(Message query, Message reply, Transport transport) {
    byte[] wire = ReplyEncoder.encode(reply, query.getOPT(), transport);
    int id = query.getHeader().getID();
    wire[0] = (byte) (id >>> 8);
    wire[1] = (byte) id;
    return wire;
  }

  /** Carries out a handler's {@link DeliveryFault}: nothing, a reply with another ID, or a late one. */
  static byte[] deliver(
      Message query, DeliveryFault fault, InetSocketAddress remote, Transport transport, QueryProcessor.LateSender late) {
    if (fault.reply().isEmpty()) {
      return null;
    }
    byte[] wire = ReplyEncoder.encode(fault.reply().get(), query.getOPT(), transport);
    int id = fault.id().orElse(query.getHeader().getID());
    wire[0] = (byte) (id >>> 8);
    wire[1] = (byte) id;
    long delay = fault.delay().toNanos();
    if (delay == 0) {
      return wire;
    }
    if (late != null) {
      CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS).execute(() -> late.send(wire, remote));
      return null;
    }
    long due = System.nanoTime() + delay;
    for (long left = delay; left > 0; left = due - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
    return wire;
  }
}
