package io.clusterdns.plugin.loadbalance;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** {@code loadbalance [round_robin] { prefer CIDR... }}. */
public final class LoadbalanceSetup implements PluginSetup {
  private static final List<String> PROPERTIES = List.of("prefer");

  @Override
  public String name() {
    return "loadbalance";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new LoadbalanceHandler(parse(directive), ThreadLocalRandom::current);
  }

  static LoadbalanceOptions parse(Directive directive) throws CorefileException {
    Directives.argCount(directive, 0, 2, "loadbalance [round_robin]");
    if (!directive.args().isEmpty()) {
      Token policy = directive.args().get(0);
      switch (policy.text()) {
        case "round_robin" -> Directives.argCount(directive, 0, 1, "loadbalance [round_robin]");
        case "weighted" -> throw new CorefileException(
            policy, "loadbalance: policy 'weighted' is not supported, only round_robin");
        default -> throw new CorefileException(
            policy, "loadbalance: unknown policy '" + policy.text() + "', expected round_robin");
      }
    }
    List<Subnet> prefer = new ArrayList<>();
    for (Directive property : directive.block()) {
      Directives.noBlock(property);
      switch (property.nameText()) {
        case "prefer" -> {
          Directives.argCount(property, 1, Integer.MAX_VALUE, "prefer CIDR...");
          for (Token cidr : property.args()) {
            prefer.add(Subnet.parse(cidr));
          }
        }
        case "reload" -> throw new CorefileException(
            property.name(), "loadbalance: reload applies only to the weighted policy, which is not supported");
        default -> throw Directives.unknownProperty(directive, property, PROPERTIES);
      }
    }
    return new LoadbalanceOptions(prefer);
  }
}
