package io.clusterdns.plugin.loadbalance;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PeriodicReload;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** {@code loadbalance [round_robin | weighted WEIGHTFILE] { prefer CIDR...; reload DURATION }}. */
public final class LoadbalanceSetup implements PluginSetup {
  private static final List<String> PROPERTIES = List.of("prefer", "reload");
  private static final String USAGE = "loadbalance [round_robin | weighted WEIGHTFILE]";

  @Override
  public String name() {
    return "loadbalance";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    LoadbalanceOptions options = parse(directive, context);
    Order order = options.weightFile()
        .<Order>map(file -> new WeightedRoundRobin(
            new WeightFile(file), options.reload(), () -> PeriodicReload.daemonThread("loadbalance-reload")))
        .orElseGet(() -> new RoundRobin(options.prefer()));
    return new LoadbalanceHandler(order, ThreadLocalRandom::current);
  }

  static LoadbalanceOptions parse(Directive directive, SetupContext context) throws CorefileException {
    Directives.argCount(directive, 0, 2, USAGE);
    Optional<Path> weightFile = Optional.empty();
    if (!directive.args().isEmpty()) {
      Token policy = directive.args().get(0);
      switch (policy.text()) {
        case "round_robin" -> Directives.argCount(directive, 0, 1, USAGE);
        case "weighted" -> {
          Directives.argCount(directive, 2, 2, USAGE);
          weightFile = Optional.of(context.baseDirectory().resolve(directive.args().get(1).text()));
        }
        default -> throw new CorefileException(
            policy, "loadbalance: unknown policy '" + policy.text() + "', expected round_robin or weighted");
      }
    }
    List<Subnet> prefer = new ArrayList<>();
    Duration reload = LoadbalanceOptions.DEFAULT_RELOAD;
    for (Directive property : directive.block()) {
      Directives.noBlock(property);
      switch (property.nameText()) {
        case "prefer" -> {
          if (weightFile.isPresent()) {
            throw new CorefileException(property.name(), "loadbalance: prefer applies only to the round_robin policy");
          }
          Directives.argCount(property, 1, Integer.MAX_VALUE, "prefer CIDR...");
          for (Token cidr : property.args()) {
            prefer.add(Subnet.parse(cidr));
          }
        }
        case "reload" -> {
          if (weightFile.isEmpty()) {
            throw new CorefileException(property.name(), "loadbalance: reload applies only to the weighted policy");
          }
          Directives.argCount(property, 1, 1, "reload DURATION (0s disables)");
          reload = Directives.duration(property.args().get(0), "loadbalance reload");
        }
        default -> throw Directives.unknownProperty(directive, property, PROPERTIES);
      }
    }
    return new LoadbalanceOptions(prefer, weightFile, reload);
  }
}
