package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.ReverseNames;
import io.clusterdns.plugin.ZoneArgs;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.Prepared;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.cluster.source.SourceOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Begins the first load of the cluster as soon as the Corefile is parsed, on a thread of its
   * own (see {@link ClusterLoad}); a directive with a problem loads nothing here, and its setup
   * reports the problem.
   */
  @Override
  public Prepared prepare(Directive directive, SetupContext context) {
    KubernetesOptions options;
    try {
      options = parse(directive, context);
    } catch (CorefileException problem) {
      return null;
    }
    ClusterLoad load = new ClusterLoad(options.sourceOptions(), watchesGateway(context));
    load.load().begin();
    return load;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    KubernetesOptions options = parse(directive, context);
    // What prepare began from the same directive and block: the same options.
    Optional<Prepared> prepared = context.prepared(directive);
    ClusterLoad load = prepared.isPresent()
        ? (ClusterLoad) prepared.get()
        : new ClusterLoad(options.sourceOptions(), watchesGateway(context));
    try {
      return new KubernetesHandler(options, context, load);
    } catch (RuntimeException e) {
      load.close();
      throw e;
    }
  }

  /** Whether the block's k8s_gateway plugin needs Ingresses and Gateway API objects loaded too. */
  private static boolean watchesGateway(SetupContext context) {
    for (Directive sibling : context.block().directives()) {
      if (sibling.nameText().equals("k8s_gateway")) {
        return true;
      }
    }
    return false;
  }

  static KubernetesOptions parse(Directive directive, SetupContext context)
      throws CorefileException {
    return new Parser(directive, context).parse();
  }

  /** One parse of one directive; each group of properties collects into its own parser. */
  private static final class Parser {
    private final Directive directive;
    private final SetupContext context;
    private final ApiConnectionParser connection;
    private final SourcePropertyParser source;
    private final RecordPropertyParser records = new RecordPropertyParser();

    Parser(Directive directive, SetupContext context) {
      this.directive = directive;
      this.context = context;
      this.connection = new ApiConnectionParser(context);
      this.source = new SourcePropertyParser(context);
    }

    KubernetesOptions parse() throws CorefileException {
      List<Name> zones = zones();
      Name primary = null;
      for (Name zone : zones) {
        if (!ReverseNames.isReverse(zone)) {
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
      Token namespacesToken = records.namespacesToken;
      Token namespaceLabelsToken = source.namespaceLabelsToken;
      if (namespacesToken != null && namespaceLabelsToken != null) {
        Token later =
            namespacesToken.location().line() > namespaceLabelsToken.location().line()
                ? namespacesToken
                : namespaceLabelsToken;
        throw new CorefileException(
            later, "kubernetes: namespaces and namespace_labels cannot both be set");
      }
      SourceOptions sourceOptions =
          new SourceOptions(
              source.manifests,
              connection.kubeconfig,
              connection.kubeconfigContext,
              connection.endpoint,
              connection.tlsCert,
              connection.tlsKey,
              connection.tlsCa,
              source.labels,
              source.namespaceLabels,
              records.pods == PodsMode.VERIFIED,
              !records.noEndpoints,
              source.startupTimeout);
      return new KubernetesOptions(
          zones,
          primary,
          records.ttl,
          records.pods,
          records.endpointPodNames,
          records.noEndpoints,
          records.fallthrough,
          records.ignoreEmptyService,
          records.namespaces,
          connection.limits(),
          sourceOptions);
    }

    private List<Name> zones() throws CorefileException {
      List<Name> zones = new ArrayList<>();
      if (directive.args().isEmpty()) {
        for (String zone : context.zones()) {
          zones.add(ZoneArgs.name(zone, directive.name(), NAME));
        }
      } else {
        zones.addAll(ZoneArgs.of(directive.args(), NAME));
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
      if (!connection.parse(p) && !source.parse(p) && !records.parse(p)) {
        throw new IllegalStateException("property listed but not parsed: " + name);
      }
    }
  }
}
