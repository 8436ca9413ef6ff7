package io.clusterdns.plugin.k8s_external;

import io.clusterdns.plugin.ZoneArgs;
import io.clusterdns.plugin.ReverseNames;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Fallthrough;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Parses {@code k8s_external [ZONES...] { apex APEX; ttl TTL; headless; fallthrough [ZONES...] }}
 * into {@link ExternalOptions} and a handler. The kubernetes plugin must be in the same block.
 */
public final class ExternalSetup implements PluginSetup {
  static final String NAME = "k8s_external";
  static final List<String> PROPERTIES = List.of("apex", "ttl", "headless", "fallthrough");
  private static final int MAX_TTL = 3600;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new ExternalHandler(parse(directive, context), context);
  }

  static ExternalOptions parse(Directive directive, SetupContext context) throws CorefileException {
    boolean withKubernetes = context.block().hasDirective("kubernetes");
    if (!withKubernetes) {
      throw new CorefileException(
          directive.name(), NAME + ": needs the kubernetes plugin in the same server block");
    }
    List<Name> zones = ZoneArgs.ofDirective(directive, context, NAME);
    Name primary = zones.stream().filter(z -> !ReverseNames.isReverse(z)).findFirst().orElse(null);
    if (primary == null) {
      Token at = directive.args().isEmpty() ? directive.name() : directive.args().get(0);
      throw new CorefileException(
          at, NAME + ": needs a zone that is not a reverse zone, got only " + zones);
    }
    Name apex = Name.fromConstantString(ExternalOptions.DEFAULT_APEX);
    int ttl = ExternalOptions.DEFAULT_TTL;
    boolean headless = false;
    Fallthrough fallthrough = Fallthrough.NEVER;
    for (Directive p : directive.block()) {
      if (!PROPERTIES.contains(p.nameText())) {
        throw Directives.unknownProperty(directive, p, PROPERTIES);
      }
      Directives.noBlock(p);
      switch (p.nameText()) {
        case "apex":
          Directives.argCount(p, 1, 1, "apex APEX");
          apex = apex(p.args().get(0));
          break;
        case "ttl":
          Directives.argCount(p, 1, 1, "ttl SECONDS");
          ttl = Directives.integer(p.args().get(0), 0, MAX_TTL, NAME + ": ttl");
          break;
        case "headless":
          Directives.noArgs(p);
          headless = true;
          break;
        case "fallthrough":
          fallthrough = Fallthrough.parse(p, NAME);
          break;
        default:
          throw new IllegalStateException("property listed but not parsed: " + p.nameText());
      }
    }
    return new ExternalOptions(zones, primary, apex, ttl, headless, fallthrough);
  }

  /** The apex as a relative name: one or more labels, no trailing dot. */
  private static Name apex(Token token) throws CorefileException {
    String text = token.text().toLowerCase(Locale.ROOT);
    try {
      if (!text.isEmpty() && !text.startsWith(".") && !text.endsWith(".")) {
        return Name.fromString(text);
      }
    } catch (TextParseException e) {
      // reported below
    }
    throw new CorefileException(
        token, NAME + ": apex must be a relative name such as dns, got '" + token.text() + "'");
  }
}
