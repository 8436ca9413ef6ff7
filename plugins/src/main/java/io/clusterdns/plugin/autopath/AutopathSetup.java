package io.clusterdns.plugin.autopath;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.ResolvConf;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** {@code autopath [ZONES...] @kubernetes|RESOLV-CONF}. */
public final class AutopathSetup implements PluginSetup {
  static final String USAGE = "autopath [ZONES...] @kubernetes|RESOLV-CONF";
  private static final String KUBERNETES = "@kubernetes";
  /** Where CoreDNS reads its own search domains, tried after a Pod's cluster domains. */
  private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");

  @Override
  public String name() {
    return "autopath";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return AutopathHandler.create(parse(directive, context, HOST_RESOLV_CONF), context);
  }

  static AutopathOptions parse(Directive directive, SetupContext context, Path hostResolvConf)
      throws CorefileException {
    Directives.noBlock(directive);
    List<Token> args = directive.args();
    if (args.isEmpty()) {
      throw new CorefileException(directive.name(), "autopath: missing search path source; expected " + USAGE);
    }
    Token source = args.get(args.size() - 1);
    List<Name> zones = new ArrayList<>();
    for (Token zone : args.subList(0, args.size() - 1)) {
      zones.add(zone(zone));
    }
    if (zones.isEmpty()) {
      for (String zone : context.zones()) {
        zones.add(Name.fromConstantString(zone));
      }
    }
    if (source.text().startsWith("@")) {
      if (!source.text().equals(KUBERNETES)) {
        throw new CorefileException(source, "autopath: unknown plugin '" + source.text()
            + "', only @kubernetes can give search paths");
      }
      requireVerifiedPods(source, context);
      return new AutopathOptions(zones, source, true, hostSearch(source, hostResolvConf));
    }
    Path file = context.baseDirectory().resolve(source.text());
    List<Name> search = search(source, file, read(source, file));
    if (search.isEmpty()) {
      throw new CorefileException(source, "autopath: " + file + " has no search line, nothing to complete");
    }
    return new AutopathOptions(zones, source, false, search);
  }

  /**
   * Checks that the block's kubernetes plugin watches Pods ({@code pods verified}), the only way
   * it can tell which namespace a client is in; without it autopath would never complete.
   */
  private static void requireVerifiedPods(Token source, SetupContext context) throws CorefileException {
    Directive kubernetes = context.block().directives().stream()
        .filter(d -> d.nameText().equals("kubernetes"))
        .findFirst()
        .orElseThrow(() -> new CorefileException(
            source, "autopath: @kubernetes needs the kubernetes plugin in the same server block"));
    for (Directive property : kubernetes.block()) {
      if (property.nameText().equals("pods")
          && property.args().size() == 1
          && property.args().get(0).text().equals("verified")) {
        return;
      }
    }
    throw new CorefileException(source, "autopath: @kubernetes needs 'pods verified' in the kubernetes plugin at "
        + kubernetes.location());
  }

  /** The server's own search domains; a host without a resolv.conf has none. */
  private static List<Name> hostSearch(Token source, Path file) throws CorefileException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return search(source, file, read(source, file));
  }

  private static ResolvConf read(Token source, Path file) throws CorefileException {
    try {
      return ResolvConf.read(file);
    } catch (NoSuchFileException e) {
      throw new CorefileException(source, "autopath: resolv.conf file " + file + " does not exist");
    } catch (IOException e) {
      throw new CorefileException(source, "autopath: cannot read resolv.conf file " + file + ": " + e.getMessage());
    }
  }

  private static List<Name> search(Token source, Path file, ResolvConf conf) throws CorefileException {
    List<Name> search = new ArrayList<>();
    for (String domain : conf.search()) {
      try {
        search.add(Name.fromString(absolute(domain)));
      } catch (TextParseException e) {
        throw new CorefileException(
            source, "autopath: " + file + ": invalid search domain " + e.getMessage());
      }
    }
    return search;
  }

  private static Name zone(Token token) throws CorefileException {
    try {
      return Name.fromString(absolute(token.text()));
    } catch (TextParseException e) {
      throw new CorefileException(token, "autopath: invalid zone " + e.getMessage());
    }
  }

  private static String absolute(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }
}
