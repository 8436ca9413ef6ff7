package io.clusterdns.plugin.reload;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.time.Duration;
import java.util.Random;

/** {@code reload [INTERVAL] [JITTER]}, no block. */
public final class ReloadSetup implements PluginSetup {
  @Override
  public String name() {
    return "reload";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new ReloadHandler(parse(directive), context, new Random());
  }

  static ReloadOptions parse(Directive directive) throws CorefileException {
    Directives.noBlock(directive);
    Directives.argCount(directive, 0, 2, "reload [INTERVAL] [JITTER]");
    Duration interval = ReloadOptions.DEFAULT_INTERVAL;
    Duration jitter = ReloadOptions.DEFAULT_JITTER;
    if (!directive.args().isEmpty()) {
      interval = atLeast(directive.args().get(0), "interval", ReloadOptions.MIN_INTERVAL);
    }
    if (directive.args().size() > 1) {
      jitter = atLeast(directive.args().get(1), "jitter", ReloadOptions.MIN_JITTER);
    }
    // As CoreDNS: a jitter above half the interval is capped rather than refused, so that the
    // default jitter fits every interval.
    Duration half = interval.dividedBy(2);
    return new ReloadOptions(interval, jitter.compareTo(half) > 0 ? half : jitter);
  }

  private static Duration atLeast(Token token, String what, Duration minimum) throws CorefileException {
    Duration value = Directives.duration(token, "reload " + what);
    if (value.compareTo(minimum) < 0) {
      throw new CorefileException(
          token, "reload " + what + " must be at least " + minimum.toSeconds() + "s, got '" + token.text() + "'");
    }
    return value;
  }
}
