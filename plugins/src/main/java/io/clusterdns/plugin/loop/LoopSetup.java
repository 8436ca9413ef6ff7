package io.clusterdns.plugin.loop;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;

/** {@code loop}: no arguments, no block; probes the first zone of the block. */
public final class LoopSetup implements PluginSetup {
  @Override
  public String name() {
    return "loop";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    Directives.noArgs(directive);
    Directives.noBlock(directive);
    String zone = context.zones().get(0);
    Name probe;
    try {
      // A name no client asks for needs no cryptographic randomness (CoreDNS uses math/rand);
      // SecureRandom would load the security providers on the main thread at start.
      probe = probeName(zone, ThreadLocalRandom.current());
    } catch (TextParseException | NameTooLongException e) {
      throw new CorefileException(directive.name(),
          "loop: the zone " + zone + " cannot hold the probe name <number>.<number>." + zone + ": " + e.getMessage());
    }
    return new LoopHandler(probe, zone, context, Clock.systemUTC(), ProbeTiming.COREDNS);
  }

  /**
   * {@code <random>.<random>.<zone>} with two unsigned 64-bit decimal labels, as CoreDNS: a name
   * no client asks for, so that seeing it again means the probe came back.
   */
  static Name probeName(String zone, RandomGenerator random) throws TextParseException, NameTooLongException {
    Name labels = Name.fromString(
        Long.toUnsignedString(random.nextLong()) + "." + Long.toUnsignedString(random.nextLong()));
    return Name.concatenate(labels, Name.fromString(zone));
  }
}
