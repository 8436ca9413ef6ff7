package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.cluster.source.SourceOptions;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.SetupContext;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubernetes properties that say how to reach the API server: endpoint, tls, kubeconfig and
 * the client limits. One instance collects one directive's values.
 */
final class ApiConnectionParser {
  // Named after the setup so the warning reads as it did before the parsers were split out.
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSetup.class);

  private final SetupContext context;
  String endpoint;
  Path tlsCert;
  Path tlsKey;
  Path tlsCa;
  Path kubeconfig;
  String kubeconfigContext;
  private double qps;
  private int burst;
  private int maxInflight;

  ApiConnectionParser(SetupContext context) {
    this.context = context;
  }

  /** Parses {@code p} if it is one of this group's properties; false if it is not. */
  boolean parse(Directive p) throws CorefileException {
    List<Token> args = p.args();
    switch (p.nameText()) {
      case "endpoint":
        Directives.argCount(p, 1, Integer.MAX_VALUE, "endpoint URL...");
        endpoint = SourceOptions.endpointUrl(args.get(0), KubernetesSetup.NAME);
        if (args.size() > 1) {
          LOG.warn("{}: only the first endpoint {} is used; multiple endpoints are deprecated",
              args.get(1).location(), endpoint);
        }
        return true;
      case "tls":
        Directives.argCount(p, 3, 3, "tls CERT KEY CACERT");
        tlsCert = path(context, args.get(0));
        tlsKey = path(context, args.get(1));
        tlsCa = path(context, args.get(2));
        return true;
      case "kubeconfig":
        Directives.argCount(p, 1, 2, "kubeconfig KUBECONFIG [CONTEXT]");
        kubeconfig = path(context, args.get(0));
        kubeconfigContext = args.size() > 1 ? args.get(1).text() : null;
        return true;
      case "apiserver_qps":
        Directives.argCount(p, 1, 1, "apiserver_qps QPS");
        qps = nonNegativeNumber(args.get(0));
        return true;
      case "apiserver_burst":
        Directives.argCount(p, 1, 1, "apiserver_burst BURST");
        burst = Directives.integer(args.get(0), 0, Integer.MAX_VALUE, "kubernetes: apiserver_burst");
        return true;
      case "apiserver_max_inflight":
        Directives.argCount(p, 1, 1, "apiserver_max_inflight N");
        maxInflight =
            Directives.integer(args.get(0), 0, Integer.MAX_VALUE, "kubernetes: apiserver_max_inflight");
        return true;
      default:
        return false;
    }
  }

  ApiClientLimits limits() {
    return new ApiClientLimits(qps, burst, maxInflight);
  }

  /** A file named in the Corefile, relative to the Corefile's directory. */
  static Path path(SetupContext context, Token token) {
    return context.baseDirectory().resolve(token.text()).normalize();
  }

  private static double nonNegativeNumber(Token token) throws CorefileException {
    try {
      double value = Double.parseDouble(token.text());
      if (value >= 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CorefileException(
        token, "kubernetes: apiserver_qps must be a number >= 0, got '" + token.text() + "'");
  }
}
