package io.clusterdns.plugin.bind;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code bind ADDRESS|INTERFACE... { except ADDRESS|INTERFACE... }}; may be repeated. */
public final class BindSetup implements PluginSetup {
  private static final List<String> PROPERTIES = List.of("except");

  @Override
  public String name() {
    return "bind";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new BindHandler(parse(directive));
  }

  static BindOptions parse(Directive directive) throws CorefileException {
    Directives.argCount(directive, 1, Integer.MAX_VALUE, "bind ADDRESS|INTERFACE...");
    Set<InetAddress> addresses = new LinkedHashSet<>();
    for (Token target : directive.args()) {
      addresses.addAll(BindTargets.expand(target));
    }
    for (Directive property : directive.block()) {
      if (!property.nameText().equals("except")) {
        throw Directives.unknownProperty(directive, property, PROPERTIES);
      }
      Directives.argCount(property, 1, Integer.MAX_VALUE, "except ADDRESS|INTERFACE...");
      Directives.noBlock(property);
      for (Token excluded : property.args()) {
        BindTargets.expand(excluded).forEach(addresses::remove);
      }
    }
    if (addresses.isEmpty()) {
      throw new CorefileException(directive.name(), "bind: every address is excluded by except, nothing to listen on");
    }
    return new BindOptions(List.copyOf(addresses));
  }
}
