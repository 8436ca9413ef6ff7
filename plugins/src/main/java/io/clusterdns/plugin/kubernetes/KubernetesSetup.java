package io.clusterdns.plugin.kubernetes;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Fallthrough;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.kubernetes.source.SourceOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Parses {@code kubernetes [ZONES...] { ... }} into {@link KubernetesOptions} and a handler. */
public final class KubernetesSetup implements PluginSetup {
  static final String NAME = "kubernetes";
  static final List<String> PROPERTIES =
      List.of(
          "endpoint",
          "tls",
          "kubeconfig",
          "namespaces",
          "namespace_labels",
          "labels",
          "pods",
          "endpoint_pod_names",
          "ttl",
          "noendpoints",
          "fallthrough",
          "ignore",
          "startup_timeout",
          "manifests",
          "apiserver_qps",
          "apiserver_burst",
          "apiserver_max_inflight");
  private static final List<String> REMOVED = List.of("upstream", "resyncperiod", "transfer");
  private static final List<String> UNSUPPORTED = List.of("multicluster", "zonal");
  private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_TTL = 3600;
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSetup.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    boolean withGateway =
        context.block().directives().stream().anyMatch(d -> d.nameText().equals("k8s_gateway"));
    return new KubernetesHandler(parse(directive, context), context, withGateway);
  }

  static KubernetesOptions parse(Directive directive, SetupContext context)
      throws CorefileException {
    return new Parser(directive, context).parse();
  }

  /** One parse of one directive; collects the options in mutable fields. */
  private static final class Parser {
    private final Directive directive;
    private final SetupContext context;
    private final List<Path> manifests = new ArrayList<>();
    private Path kubeconfig;
    private String kubeconfigContext;
    private String endpoint;
    private Path tlsCert;
    private Path tlsKey;
    private Path tlsCa;
    private String labels;
    private String namespaceLabels;
    private Token namespaceLabelsToken;
    private Token namespacesToken;
    private final Set<String> namespaces = new LinkedHashSet<>();
    private PodsMode pods = PodsMode.DISABLED;
    private boolean endpointPodNames;
    private int ttl = KubernetesOptions.DEFAULT_TTL;
    private boolean noEndpoints;
    private Fallthrough fallthrough = Fallthrough.NEVER;
    private boolean ignoreEmptyService;
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private double qps;
    private int burst;
    private int maxInflight;

    Parser(Directive directive, SetupContext context) {
      this.directive = directive;
      this.context = context;
    }

    KubernetesOptions parse() throws CorefileException {
      List<Name> zones = zones();
      Name primary = null;
      for (Name zone : zones) {
        if (!ReverseZones.isReverse(zone)) {
          primary = zone;
          break;
        }
      }
      if (primary == null) {
        Token at = directive.args().isEmpty() ? directive.name() : directive.args().get(0);
        throw new CorefileException(
            at, "kubernetes: non-reverse zone name must be used, got only reverse zones " + zones);
      }
      for (Directive property : directive.block()) {
        property(property);
      }
      if (namespacesToken != null && namespaceLabelsToken != null) {
        Token later =
            namespacesToken.location().line() > namespaceLabelsToken.location().line()
                ? namespacesToken
                : namespaceLabelsToken;
        throw new CorefileException(
            later, "kubernetes: namespaces and namespace_labels cannot both be set");
      }
      SourceOptions source =
          new SourceOptions(
              manifests,
              kubeconfig,
              kubeconfigContext,
              endpoint,
              tlsCert,
              tlsKey,
              tlsCa,
              labels,
              namespaceLabels,
              pods == PodsMode.VERIFIED,
              !noEndpoints,
              startupTimeout);
      return new KubernetesOptions(
          zones,
          primary,
          ttl,
          pods,
          endpointPodNames,
          noEndpoints,
          fallthrough,
          ignoreEmptyService,
          namespaces,
          new ApiClientLimits(qps, burst, maxInflight),
          source);
    }

    private List<Name> zones() throws CorefileException {
      List<Name> zones = new ArrayList<>();
      if (directive.args().isEmpty()) {
        for (String zone : context.zones()) {
          zones.add(zoneName(zone, directive.name(), NAME));
        }
      } else {
        zones.addAll(zoneArgs(directive.args()));
      }
      if (zones.isEmpty()) {
        throw new CorefileException(directive.name(), "kubernetes: no zones to serve");
      }
      return zones;
    }

    private void property(Directive p) throws CorefileException {
      String name = p.nameText();
      if (REMOVED.contains(name)) {
        throw new CorefileException(
            p.name(), "kubernetes: property '" + name + "' was removed from CoreDNS and is not supported"
                + ("transfer".equals(name) ? "; use the transfer plugin" : ""));
      }
      if (UNSUPPORTED.contains(name)) {
        throw new CorefileException(
            p.name(), "kubernetes: property '" + name + "' is not supported by ClusterDNS");
      }
      if (!PROPERTIES.contains(name)) {
        throw Directives.unknownProperty(directive, p, PROPERTIES);
      }
      Directives.noBlock(p);
      List<Token> args = p.args();
      switch (name) {
        case "endpoint":
          Directives.argCount(p, 1, Integer.MAX_VALUE, "endpoint URL...");
          endpoint = url(args.get(0));
          if (args.size() > 1) {
            LOG.warn("{}: only the first endpoint {} is used; multiple endpoints are deprecated",
                args.get(1).location(), endpoint);
          }
          break;
        case "tls":
          Directives.argCount(p, 3, 3, "tls CERT KEY CACERT");
          tlsCert = path(args.get(0));
          tlsKey = path(args.get(1));
          tlsCa = path(args.get(2));
          break;
        case "kubeconfig":
          Directives.argCount(p, 1, 2, "kubeconfig KUBECONFIG [CONTEXT]");
          kubeconfig = path(args.get(0));
          kubeconfigContext = args.size() > 1 ? args.get(1).text() : null;
          break;
        case "namespaces":
          Directives.argCount(p, 1, Integer.MAX_VALUE, "namespaces NAMESPACE...");
          namespacesToken = p.name();
          for (Token ns : args) {
            namespaces.add(ns.text().toLowerCase(Locale.ROOT));
          }
          break;
        case "namespace_labels":
          Directives.argCount(p, 1, Integer.MAX_VALUE, "namespace_labels EXPRESSION");
          namespaceLabelsToken = p.name();
          namespaceLabels = selector(p);
          break;
        case "labels":
          Directives.argCount(p, 1, Integer.MAX_VALUE, "labels EXPRESSION");
          labels = selector(p);
          break;
        case "pods":
          Directives.argCount(p, 1, 1, "pods disabled|insecure|verified");
          pods = PodsMode.fromWord(args.get(0).text());
          if (pods == null) {
            throw new CorefileException(
                args.get(0),
                "kubernetes: invalid pods mode '" + args.get(0).text()
                    + "', expected disabled, insecure or verified");
          }
          break;
        case "endpoint_pod_names":
          Directives.noArgs(p);
          endpointPodNames = true;
          break;
        case "ttl":
          Directives.argCount(p, 1, 1, "ttl SECONDS");
          ttl = Directives.integer(args.get(0), 0, MAX_TTL, "kubernetes: ttl");
          break;
        case "noendpoints":
          Directives.noArgs(p);
          noEndpoints = true;
          break;
        case "fallthrough":
          fallthrough = args.isEmpty() ? Fallthrough.ALWAYS : new Fallthrough(zoneArgs(args));
          break;
        case "ignore":
          Directives.argCount(p, 1, 1, "ignore empty_service");
          if (!"empty_service".equals(args.get(0).text())) {
            throw new CorefileException(
                args.get(0),
                "kubernetes: unable to parse ignore value '" + args.get(0).text()
                    + "', expected empty_service");
          }
          ignoreEmptyService = true;
          break;
        case "startup_timeout":
          Directives.argCount(p, 1, 1, "startup_timeout DURATION");
          startupTimeout = Directives.duration(args.get(0), "kubernetes: startup_timeout");
          break;
        case "manifests":
          Directives.argCount(p, 1, Integer.MAX_VALUE, "manifests PATH...");
          for (Token file : args) {
            manifests.add(path(file));
          }
          break;
        case "apiserver_qps":
          Directives.argCount(p, 1, 1, "apiserver_qps QPS");
          qps = nonNegativeNumber(args.get(0));
          break;
        case "apiserver_burst":
          Directives.argCount(p, 1, 1, "apiserver_burst BURST");
          burst = Directives.integer(args.get(0), 0, Integer.MAX_VALUE, "kubernetes: apiserver_burst");
          break;
        case "apiserver_max_inflight":
          Directives.argCount(p, 1, 1, "apiserver_max_inflight N");
          maxInflight =
              Directives.integer(args.get(0), 0, Integer.MAX_VALUE, "kubernetes: apiserver_max_inflight");
          break;
        default:
          throw new IllegalStateException("property listed but not parsed: " + name);
      }
    }

    private String url(Token token) throws CorefileException {
      return endpointUrl(token, NAME);
    }

    private Path path(Token token) {
      return context.baseDirectory().resolve(token.text()).normalize();
    }

    private String selector(Directive p) throws CorefileException {
      String text = p.args().stream().map(Token::text).collect(Collectors.joining(" "));
      String problem = LabelSelectorSyntax.problem(text);
      if (problem != null) {
        throw new CorefileException(
            p.args().get(0),
            "kubernetes: unable to parse " + p.nameText() + " selector '" + text + "': " + problem);
      }
      return text;
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

  /** An API server URL of plugin {@code plugin}'s {@code endpoint} property. */
  public static String endpointUrl(Token token, String plugin) throws CorefileException {
    try {
      URI uri = new URI(token.text());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return token.text();
      }
    } catch (URISyntaxException e) {
      // reported below with the usage
    }
    throw new CorefileException(
        token, plugin + ": endpoint '" + token.text() + "' is not an http:// or https:// URL");
  }

  /** Zone arguments as normalised names; CIDRs become their reverse zones. */
  static List<Name> zoneArgs(List<Token> args) throws CorefileException {
    return zoneArgs(args, NAME);
  }

  /**
   * Zone arguments of plugin {@code plugin} (kubernetes, k8s_external, k8s_gateway) as normalised
   * names; CIDRs become their reverse zones. Errors name the plugin and the bad token.
   */
  public static List<Name> zoneArgs(List<Token> args, String plugin) throws CorefileException {
    List<Name> zones = new ArrayList<>();
    for (Token arg : args) {
      if (!arg.text().contains("/")) {
        zones.add(zoneName(arg.text(), arg, plugin));
        continue;
      }
      List<Name> reverse = ReverseZones.fromCidr(arg.text());
      if (reverse == null) {
        throw new CorefileException(
            arg, plugin + ": '" + arg.text() + "' is not a CIDR such as 10.96.0.0/12");
      }
      zones.addAll(reverse);
    }
    return zones;
  }

  /** A server-block zone or zone argument as a normalised name. */
  public static Name zoneName(String text, Token at, String plugin) throws CorefileException {
    String lower = text.toLowerCase(Locale.ROOT);
    try {
      return Name.fromString(lower.endsWith(".") ? lower : lower + ".");
    } catch (TextParseException e) {
      throw new CorefileException(at, plugin + ": '" + text + "' is not a zone name or CIDR");
    }
  }
}
