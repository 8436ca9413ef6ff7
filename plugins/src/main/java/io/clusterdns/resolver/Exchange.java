package io.clusterdns.resolver;

import io.clusterdns.plugin.Transport;
import java.time.Duration;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * One query a {@link Resolver} sent and what came of it.
 *
 * @param name the candidate name sent, absolute without the trailing dot
 * @param rcode the reply's rcode ({@link Rcode}), or -1 when no reply came in time
 * @param truncated whether the reply had TC set (the resolver then asks again over TCP)
 * @param answers how many records the reply's answer section held
 * @param took from sending to the reply or the timeout
 */
public record Exchange(String name, int type, Transport transport, int rcode, boolean truncated, int answers,
    Duration took) {
  public boolean timedOut() {
    return rcode < 0;
  }

  @Override
  public String toString() {
    return name + " " + Type.string(type) + " " + transport.label() + " → "
        + (timedOut() ? "timeout" : Rcode.string(rcode) + (truncated ? " TC" : "") + " " + answers + " answers")
        + " in " + took.toMillis() + " ms";
  }
}
