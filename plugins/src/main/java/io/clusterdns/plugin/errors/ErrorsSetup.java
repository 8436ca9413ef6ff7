package io.clusterdns.plugin.errors;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.event.Level;

/** {@code errors [stdout] { stacktrace; consolidate DURATION REGEXP [LEVEL] [show_first] }}. */
public final class ErrorsSetup implements PluginSetup {
  private static final List<String> PROPERTIES = List.of("stacktrace", "consolidate");
  private static final Map<String, Level> LEVELS =
      Map.of("warning", Level.WARN, "error", Level.ERROR, "info", Level.INFO, "debug", Level.DEBUG);
  private static final String CONSOLIDATE_USAGE = "consolidate DURATION REGEXP [warning|error|info|debug] [show_first]";

  @Override
  public String name() {
    return "errors";
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new ErrorsHandler(parse(directive), ErrorSink.slf4j(), DelayedRunner.daemonThread());
  }

  static ErrorsOptions parse(Directive directive) throws CorefileException {
    Directives.argCount(directive, 0, 1, "errors [stdout]");
    if (!directive.args().isEmpty() && !directive.args().get(0).text().equals("stdout")) {
      Token bad = directive.args().get(0);
      throw new CorefileException(bad, "errors: invalid log target '" + bad.text() + "', only stdout is supported");
    }
    boolean stacktrace = false;
    List<Consolidation> consolidations = new ArrayList<>();
    for (Directive property : directive.block()) {
      switch (property.nameText()) {
        case "stacktrace" -> {
          Directives.noArgs(property);
          stacktrace = true;
        }
        case "consolidate" -> consolidations.add(consolidation(property));
        default -> throw Directives.unknownProperty(directive, property, PROPERTIES);
      }
      Directives.noBlock(property);
    }
    return new ErrorsOptions(stacktrace, consolidations);
  }

  private static Consolidation consolidation(Directive property) throws CorefileException {
    Directives.argCount(property, 2, 4, CONSOLIDATE_USAGE);
    List<Token> args = property.args();
    Duration period = Directives.duration(args.get(0), "consolidate period");
    if (period.isZero() || period.isNegative()) {
      throw new CorefileException(args.get(0), "consolidate period must be positive, got '" + args.get(0).text() + "'");
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(args.get(1).text());
    } catch (PatternSyntaxException e) {
      throw new CorefileException(
          args.get(1), "consolidate: invalid regular expression '" + args.get(1).text() + "': " + e.getDescription());
    }
    Level level = Level.ERROR;
    boolean showFirst = false;
    for (int i = 2; i < args.size(); i++) {
      Token token = args.get(i);
      if (token.text().equals("show_first") && i == args.size() - 1) {
        showFirst = true;
      } else if (LEVELS.containsKey(token.text()) && i == 2) {
        level = LEVELS.get(token.text());
      } else {
        throw new CorefileException(
            token, "consolidate: unexpected '" + token.text() + "', expected " + CONSOLIDATE_USAGE);
      }
    }
    return new Consolidation(period, pattern, level, showFirst);
  }
}
