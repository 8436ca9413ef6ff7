package io.clusterdns.plugin.hosts;

import io.clusterdns.config.IpLiteral;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Fallthrough;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PeriodicReload;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * {@code hosts [FILE [ZONES...]] { [INLINE]; ttl SECONDS; no_reverse; reload DURATION;
 * fallthrough [ZONES...] }}. A block line that starts with an IP address is an inline entry.
 */
public final class HostsSetup implements PluginSetup {
  private static final List<String> PROPERTIES = List.of("ttl", "no_reverse", "reload", "fallthrough");

  @Override
  public String name() {
    return "hosts";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new HostsHandler(
        parse(directive, context), () -> PeriodicReload.daemonThread("hosts-reload"));
  }

  static HostsOptions parse(Directive directive, SetupContext context) throws CorefileException {
    List<Token> args = directive.args();
    Path file = HostsOptions.DEFAULT_FILE;
    List<Name> origins = new ArrayList<>();
    if (!args.isEmpty()) {
      file = context.baseDirectory().resolve(args.get(0).text());
      for (Token zone : args.subList(1, args.size())) {
        origins.add(zone(zone));
      }
    }
    if (origins.isEmpty()) {
      for (String zone : context.zones()) {
        origins.add(Name.fromConstantString(zone));
      }
    }
    long ttl = HostsOptions.DEFAULT_TTL;
    boolean reverse = true;
    Duration reload = HostsOptions.DEFAULT_RELOAD;
    Fallthrough fallthrough = Fallthrough.NEVER;
    List<String> inline = new ArrayList<>();
    for (Directive line : directive.block()) {
      Directives.noBlock(line);
      if (IpLiteral.parse(line.nameText()).isPresent()) {
        inline.add(inlineEntry(line));
        continue;
      }
      switch (line.nameText()) {
        case "ttl" -> {
          Directives.argCount(line, 1, 1, "ttl SECONDS");
          ttl = Directives.integer(line.args().get(0), 1, 65535, "hosts ttl");
        }
        case "no_reverse" -> {
          Directives.noArgs(line);
          reverse = false;
        }
        case "reload" -> {
          Directives.argCount(line, 1, 1, "reload DURATION (0s disables)");
          reload = Directives.duration(line.args().get(0), "hosts reload");
        }
        case "fallthrough" -> fallthrough = Fallthrough.parse(line, "hosts");
        default -> throw Directives.unknownProperty(directive, line, PROPERTIES);
      }
    }
    return new HostsOptions(file, origins, ttl, reverse, reload, fallthrough, inline);
  }

  private static String inlineEntry(Directive line) throws CorefileException {
    if (line.args().isEmpty()) {
      throw new CorefileException(
          line.name(), "hosts: inline entry '" + line.nameText() + "' needs at least one name after the address");
    }
    for (Token name : line.args()) {
      if (HostsTable.hostName(name.text()).isEmpty()) {
        throw new CorefileException(name, "hosts: invalid host name '" + name.text() + "' in inline entry");
      }
    }
    return line.nameText() + " " + line.args().stream().map(Token::text).collect(Collectors.joining(" "));
  }


  private static Name zone(Token token) throws CorefileException {
    return HostsTable.hostName(token.text())
        .orElseThrow(() -> new CorefileException(token, "hosts: invalid zone '" + token.text() + "'"));
  }
}
