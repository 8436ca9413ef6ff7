package io.clusterdns.plugin.kubernetes;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.SetupContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The kubernetes properties that say what to read and how long to wait for it: manifests, the
 * label selectors and startup_timeout. One instance collects one directive's values.
 */
final class SourcePropertyParser {
  private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(5);

  private final SetupContext context;
  final List<Path> manifests = new ArrayList<>();
  String labels;
  String namespaceLabels;
  /** Where namespace_labels was set, to report it together with namespaces. */
  Token namespaceLabelsToken;
  Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

  SourcePropertyParser(SetupContext context) {
    this.context = context;
  }

  /** Parses {@code p} if it is one of this group's properties; false if it is not. */
  boolean parse(Directive p) throws CorefileException {
    List<Token> args = p.args();
    switch (p.nameText()) {
      case "namespace_labels":
        Directives.argCount(p, 1, Integer.MAX_VALUE, "namespace_labels EXPRESSION");
        namespaceLabelsToken = p.name();
        namespaceLabels = selector(p);
        return true;
      case "labels":
        Directives.argCount(p, 1, Integer.MAX_VALUE, "labels EXPRESSION");
        labels = selector(p);
        return true;
      case "startup_timeout":
        Directives.argCount(p, 1, 1, "startup_timeout DURATION");
        startupTimeout = Directives.duration(args.get(0), "kubernetes: startup_timeout");
        return true;
      case "manifests":
        Directives.argCount(p, 1, Integer.MAX_VALUE, "manifests PATH...");
        for (Token file : args) {
          manifests.add(ApiConnectionParser.path(context, file));
        }
        return true;
      default:
        return false;
    }
  }

  private static String selector(Directive p) throws CorefileException {
    String text = p.args().stream().map(Token::text).collect(Collectors.joining(" "));
    String problem = LabelSelectorSyntax.problem(text);
    if (problem != null) {
      throw new CorefileException(
          p.args().get(0),
          "kubernetes: unable to parse " + p.nameText() + " selector '" + text + "': " + problem);
    }
    return text;
  }
}
