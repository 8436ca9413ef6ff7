package io.clusterdns.plugin;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.xbill.DNS.Message;

/**
 * Thrown by a handler to have the server deliver its reply the way a broken network or server
 * would: not at all, late, or with an ID other than the query's. The server does none of this on
 * its own; this exists so that the test kit (module {@code clusterdns-testing}) can inject the
 * faults that resolvers must survive. A reply that is sent is encoded as any other (OPT,
 * truncation). Carries no stack trace: it is a message to the server, not an error.
 */
public final class DeliveryFault extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Message reply;
  private final Duration delay;
  private final int id;

  private DeliveryFault(Message reply, Duration delay, int id) {
    super("delivery fault", null, false, false);
    this.reply = reply;
    this.delay = delay;
    this.id = id;
  }

  /** Nothing is sent back: over UDP no datagram, over TCP no message on the connection. */
  public static DeliveryFault drop() {
    return new DeliveryFault(null, Duration.ZERO, -1);
  }

  /**
   * {@code reply} is sent {@code delay} after the handler gave it up. Over UDP the listener
   * serves other queries meanwhile; over TCP the connection's other queries are answered
   * meanwhile, as they always are concurrently.
   */
  public static DeliveryFault delay(Message reply, Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delay);
    }
    return new DeliveryFault(Objects.requireNonNull(reply), delay, -1);
  }

  /** {@code reply} is sent with message ID {@code id} instead of the query's. */
  public static DeliveryFault wrongId(Message reply, int id) {
    if (id < 0 || id > 0xFFFF) {
      throw new IllegalArgumentException("a DNS ID is 0–65535, got " + id);
    }
    return new DeliveryFault(Objects.requireNonNull(reply), Duration.ZERO, id);
  }

  /** The reply to send, or empty when nothing is sent. */
  public Optional<Message> reply() {
    return Optional.ofNullable(reply);
  }

  public Duration delay() {
    return delay;
  }

  /** The ID to send instead of the query's, if any. */
  public OptionalInt id() {
    return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
  }
}
