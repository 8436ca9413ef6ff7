package io.clusterdns.plugin.log;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * {@code log [NAMES...] [FORMAT] { class success|denial|error|all... }}: the last argument is the
 * format when it holds a {@code {}.
 */
public final class LogSetup implements PluginSetup {
  private static final List<String> PROPERTIES = List.of("class");

  @Override
  public String name() {
    return "log";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new LogHandler(parse(directive), QueryLogSink.slf4j());
  }

  static LogOptions parse(Directive directive) throws CorefileException {
    List<Token> args = new ArrayList<>(directive.args());
    String format = LogFormat.COMMON;
    if (!args.isEmpty() && args.get(args.size() - 1).text().contains("{")) {
      format = args.remove(args.size() - 1).text();
    }
    List<Name> names = new ArrayList<>();
    for (Token arg : args) {
      names.add(name(arg));
    }
    if (names.isEmpty()) {
      names.add(Name.root);
    }
    Set<ResponseClass> classes = EnumSet.noneOf(ResponseClass.class);
    for (Directive property : directive.block()) {
      if (!property.nameText().equals("class")) {
        throw Directives.unknownProperty(directive, property, PROPERTIES);
      }
      Directives.noBlock(property);
      Directives.argCount(property, 1, Integer.MAX_VALUE, "class success|denial|error|all...");
      for (Token value : property.args()) {
        classes.add(
            ResponseClass.fromText(value.text())
                .orElseThrow(
                    () -> new CorefileException(
                        value, "log: unknown class '" + value.text() + "', expected success, denial, error or all")));
      }
    }
    if (classes.isEmpty()) {
      classes.add(ResponseClass.ALL);
    }
    return new LogOptions(names, LogFormat.parse(format), classes);
  }

  private static Name name(Token token) throws CorefileException {
    try {
      return Name.fromString(token.text(), Name.root);
    } catch (TextParseException e) {
      throw new CorefileException(token, "log: invalid name " + e.getMessage());
    }
  }
}
