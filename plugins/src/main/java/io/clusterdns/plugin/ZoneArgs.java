package io.clusterdns.plugin;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Zone arguments as the plugins that answer cluster names take them (kubernetes, k8s_external,
 * k8s_gateway), as CoreDNS's do: names, and CIDRs that stand for their reverse zones.
 */
public final class ZoneArgs {
  private ZoneArgs() {}

  /**
   * The zones of {@code directive} of plugin {@code plugin}: its zone arguments (see {@link #of}),
   * or the server block's zones when it has none.
   */
  public static List<Name> ofDirective(Directive directive, SetupContext context, String plugin)
      throws CorefileException {
    if (!directive.args().isEmpty()) {
      return of(directive.args(), plugin);
    }
    List<Name> zones = new ArrayList<>();
    for (String zone : context.zones()) {
      zones.add(name(zone, directive.name(), plugin));
    }
    return zones;
  }

  /**
   * Zone arguments of plugin {@code plugin} as normalised names; CIDRs become their reverse zones.
   * Errors name the plugin and the bad token.
   */
  public static List<Name> of(List<Token> args, String plugin) throws CorefileException {
    List<Name> zones = new ArrayList<>();
    for (Token arg : args) {
      if (!arg.text().contains("/")) {
        zones.add(name(arg.text(), arg, plugin));
        continue;
      }
      List<Name> reverse = ReverseNames.zonesOf(arg.text());
      if (reverse == null) {
        throw new CorefileException(
            arg, plugin + ": '" + arg.text() + "' is not a CIDR such as 10.96.0.0/12");
      }
      zones.addAll(reverse);
    }
    return zones;
  }

  /** A server-block zone or zone argument as a normalised name. */
  public static Name name(String text, Token at, String plugin) throws CorefileException {
    String lower = text.toLowerCase(Locale.ROOT);
    try {
      return Name.fromString(lower.endsWith(".") ? lower : lower + ".");
    } catch (TextParseException e) {
      throw new CorefileException(at, plugin + ": '" + text + "' is not a zone name or CIDR");
    }
  }
}
