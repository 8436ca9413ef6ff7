package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.ZoneArgs;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Fallthrough;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The kubernetes properties that shape the answers: namespaces, pods, endpoint_pod_names, ttl,
 * noendpoints, fallthrough and ignore. One instance collects one directive's values.
 */
final class RecordPropertyParser {
  private static final int MAX_TTL = 3600;

  final Set<String> namespaces = new LinkedHashSet<>();
  /** Where namespaces was set, to report it together with namespace_labels. */
  Token namespacesToken;
  PodsMode pods = PodsMode.DISABLED;
  boolean endpointPodNames;
  int ttl = KubernetesOptions.DEFAULT_TTL;
  boolean noEndpoints;
  Fallthrough fallthrough = Fallthrough.NEVER;
  boolean ignoreEmptyService;

  /** Parses {@code p} if it is one of this group's properties; false if it is not. */
  boolean parse(Directive p) throws CorefileException {
    List<Token> args = p.args();
    switch (p.nameText()) {
      case "namespaces":
        Directives.argCount(p, 1, Integer.MAX_VALUE, "namespaces NAMESPACE...");
        namespacesToken = p.name();
        for (Token ns : args) {
          namespaces.add(ns.text().toLowerCase(Locale.ROOT));
        }
        return true;
      case "pods":
        Directives.argCount(p, 1, 1, "pods disabled|insecure|verified");
        pods = PodsMode.fromWord(args.get(0).text());
        if (pods == null) {
          throw new CorefileException(
              args.get(0),
              "kubernetes: invalid pods mode '" + args.get(0).text()
                  + "', expected disabled, insecure or verified");
        }
        return true;
      case "endpoint_pod_names":
        Directives.noArgs(p);
        endpointPodNames = true;
        return true;
      case "ttl":
        Directives.argCount(p, 1, 1, "ttl SECONDS");
        ttl = Directives.integer(args.get(0), 0, MAX_TTL, "kubernetes: ttl");
        return true;
      case "noendpoints":
        Directives.noArgs(p);
        noEndpoints = true;
        return true;
      case "fallthrough":
        fallthrough =
            args.isEmpty() ? Fallthrough.ALWAYS : new Fallthrough(ZoneArgs.of(args, KubernetesSetup.NAME));
        return true;
      case "ignore":
        Directives.argCount(p, 1, 1, "ignore empty_service");
        if (!"empty_service".equals(args.get(0).text())) {
          throw new CorefileException(
              args.get(0),
              "kubernetes: unable to parse ignore value '" + args.get(0).text()
                  + "', expected empty_service");
        }
        ignoreEmptyService = true;
        return true;
      default:
        return false;
    }
  }
}
