package io.clusterdns.plugin.k8s_gateway;

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
import io.clusterdns.config.IpLiteral;
import io.clusterdns.plugin.cluster.source.SourceOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * Parses {@code k8s_gateway [ZONES...] { resources ...; ttl TTL; ingressClasses ...;
 * gatewayClasses ...; default_address IP...; fallthrough [ZONES...]; manifests | kubeconfig |
 * endpoint }} into {@link GatewayOptions} and a handler.
 */
public final class GatewaySetup implements PluginSetup {
  static final String NAME = "k8s_gateway";
  static final List<String> PROPERTIES =
      List.of(
          "resources", "ttl", "ingressClasses", "gatewayClasses", "default_address", "fallthrough",
          "manifests", "kubeconfig", "endpoint");
  private static final List<String> SOURCE_PROPERTIES = List.of("manifests", "kubeconfig", "endpoint");
  private static final List<String> UNSUPPORTED = List.of("apex", "secondary");
  private static final int MAX_TTL = 3600;
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(5);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new GatewayHandler(parse(directive, context), context);
  }

  static GatewayOptions parse(Directive directive, SetupContext context) throws CorefileException {
    boolean withKubernetes = context.block().hasDirective("kubernetes");
    List<Name> zones = ZoneArgs.ofDirective(directive, context, NAME);
    for (Name zone : zones) {
      if (ReverseNames.isReverse(zone)) {
        Token at = directive.args().isEmpty() ? directive.name() : directive.args().get(0);
        throw new CorefileException(at, NAME + ": reverse zone " + zone + " is not supported");
      }
    }
    Set<Resource> resources = EnumSet.allOf(Resource.class);
    int ttl = GatewayOptions.DEFAULT_TTL;
    Set<String> ingressClasses = new LinkedHashSet<>();
    Set<String> gatewayClasses = new LinkedHashSet<>();
    List<InetAddress> defaultAddresses = new ArrayList<>();
    Fallthrough fallthrough = Fallthrough.NEVER;
    List<Path> manifests = new ArrayList<>();
    Path kubeconfig = null;
    String kubeconfigContext = null;
    String endpoint = null;
    for (Directive p : directive.block()) {
      String name = p.nameText();
      if (UNSUPPORTED.contains(name)) {
        throw new CorefileException(p.name(), NAME + ": property '" + name + "' is not supported by ClusterDNS");
      }
      if (!PROPERTIES.contains(name)) {
        throw Directives.unknownProperty(directive, p, PROPERTIES);
      }
      Directives.noBlock(p);
      if (withKubernetes && SOURCE_PROPERTIES.contains(name)) {
        throw new CorefileException(
            p.name(),
            NAME + ": " + name + " is taken from the kubernetes plugin of this server block; set it there");
      }
      List<Token> args = p.args();
      switch (name) {
        case "resources":
          Directives.argCount(p, 1, Integer.MAX_VALUE, "resources RESOURCE...");
          resources = EnumSet.noneOf(Resource.class);
          for (Token arg : args) {
            Resource resource = Resource.fromWord(arg.text());
            if (resource == null) {
              throw new CorefileException(
                  arg, NAME + ": unknown resource '" + arg.text()
                      + "', expected Ingress, Service, HTTPRoute, TLSRoute, GRPCRoute or Gateway");
            }
            resources.add(resource);
          }
          break;
        case "ttl":
          Directives.argCount(p, 1, 1, "ttl SECONDS");
          ttl = Directives.integer(args.get(0), 0, MAX_TTL, NAME + ": ttl");
          break;
        case "ingressClasses":
          Directives.argCount(p, 1, Integer.MAX_VALUE, "ingressClasses CLASS...");
          args.forEach(a -> ingressClasses.add(a.text()));
          break;
        case "gatewayClasses":
          Directives.argCount(p, 1, Integer.MAX_VALUE, "gatewayClasses CLASS...");
          args.forEach(a -> gatewayClasses.add(a.text()));
          break;
        case "default_address":
          Directives.argCount(p, 1, Integer.MAX_VALUE, "default_address IP...");
          for (Token arg : args) {
            InetAddress ip = IpLiteral.parse(arg.text()).orElse(null);
            if (ip == null) {
              throw new CorefileException(
                  arg, NAME + ": default_address '" + arg.text() + "' is not an IP address");
            }
            defaultAddresses.add(ip);
          }
          break;
        case "fallthrough":
          fallthrough = Fallthrough.parse(p, NAME);
          break;
        case "manifests":
          Directives.argCount(p, 1, Integer.MAX_VALUE, "manifests PATH...");
          for (Token file : args) {
            manifests.add(context.baseDirectory().resolve(file.text()).normalize());
          }
          break;
        case "kubeconfig":
          Directives.argCount(p, 1, 2, "kubeconfig KUBECONFIG [CONTEXT]");
          kubeconfig = context.baseDirectory().resolve(args.get(0).text()).normalize();
          kubeconfigContext = args.size() > 1 ? args.get(1).text() : null;
          break;
        case "endpoint":
          Directives.argCount(p, 1, 1, "endpoint URL");
          endpoint = SourceOptions.endpointUrl(args.get(0), NAME);
          break;
        default:
          throw new IllegalStateException("property listed but not parsed: " + name);
      }
    }
    SourceOptions source =
        withKubernetes
            ? null
            : new SourceOptions(
                manifests, kubeconfig, kubeconfigContext, endpoint, null, null, null, null, null,
                false, false, STARTUP_TIMEOUT);
    return new GatewayOptions(
        zones, resources, ttl, ingressClasses, gatewayClasses, defaultAddresses, fallthrough, source);
  }
}
