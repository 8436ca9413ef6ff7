package io.clusterdns.plugin.explain;

import io.clusterdns.config.PodResolvConf;
import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.ClusterDirectory;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.explain.Explanation.Step;
import io.clusterdns.plugin.explain.Relay.Served;
import io.clusterdns.resolver.Exchange;
import io.clusterdns.resolver.Resolution;
import io.clusterdns.resolver.ResolverBehaviour;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Explains why a name does or does not resolve for a client: the one implementation behind the
 * command line's {@code explain}, the testing module and the {@code explain} plugin. It runs the
 * client's resolver model ({@link ResolverBehaviour}) against the server, so that the candidates,
 * their order and where the walk stops are exactly the model's, with every query entering the
 * server as if from the client's address, and asks the plugins of each query's block why they
 * answered as they did ({@link io.clusterdns.plugin.Explaining}).
 */
public final class Explainer {
  static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

  private final ServerLookup lookup;
  private final Supplier<Collection<Handler>> handlers;

  /**
   * @param lookup enters the server: its routing, chains, and which chain takes a name
   * @param handlers the handlers where a {@link ClusterDirectory} (kubernetes) may be found, for
   *     the cluster domain and the namespace of a Pod address
   */
  public Explainer(ServerLookup lookup, Supplier<Collection<Handler>> handlers) {
    this.lookup = lookup;
    this.handlers = handlers;
  }

  /**
   * Explains {@code question} for a Pod with the kubelet's ClusterFirst resolv.conf.
   *
   * @throws IllegalArgumentException when the client cannot be made out: a Pod address that no
   *     running Pod holds, or Pods of several namespaces hold
   * @throws IOException when no loopback port is free for the resolver to ask
   */
  public Explanation explain(ExplainQuestion question) throws IOException {
    Optional<ClusterDirectory> directory = handlers.get().stream()
        .filter(ClusterDirectory.class::isInstance).map(ClusterDirectory.class::cast).findFirst();
    String domain = directory.map(ClusterDirectory::clusterDomain).orElse(DEFAULT_CLUSTER_DOMAIN);
    String namespace = question.namespace();
    String client;
    if (question.podIp() == null) {
      namespace = namespace == null ? ExplainQuestion.DEFAULT_NAMESPACE : namespace;
      client = "a Pod in namespace " + namespace;
    } else {
      if (namespace == null) {
        namespace = podNamespace(directory, question.podIp());
      }
      client = "the Pod at " + question.podIp().getHostAddress() + " (namespace " + namespace + ")";
    }
    PodResolvConf pod = PodResolvConf.pod().namespace(namespace).clusterDomain(domain);
    if (question.ndots() != null) {
      pod.dnsConfig(new PodResolvConf.DnsConfig(List.of(), List.of(), Map.of("ndots", question.ndots().toString())));
    }
    return explain(question.name(), question.type(), question.behaviour(), pod.build(), question.podIp(), client);
  }

  /**
   * Explains a lookup of {@code name} by a client with {@code conf} (every name server standing
   * for this server), whose queries come from {@code clientAddress}, or from 127.0.0.1 when null.
   *
   * @param client who the client is, in words, for the report
   */
  public Explanation explain(String name, int type, ResolverBehaviour behaviour, ResolvConf conf,
      InetAddress clientAddress, String client) throws IOException {
    InetAddress from = clientAddress == null ? InetAddress.getLoopbackAddress() : clientAddress;
    try (Relay relay = new Relay(lookup, from)) {
      Resolution resolution = behaviour.resolver(conf, relay.address()).lookup(name, type);
      return new Explanation(name, type, behaviour, client, conf, steps(resolution, relay.served()), resolution);
    }
  }

  private static String podNamespace(Optional<ClusterDirectory> directory, InetAddress ip) {
    String address = ip.getHostAddress();
    if (directory.isEmpty()) {
      throw new IllegalArgumentException(
          "no kubernetes plugin to find the Pod at " + address + " in; give its namespace as well");
    }
    List<String> namespaces;
    try {
      namespaces = directory.get().podNamespaces(ip).stream().distinct().toList();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage() + "; give the Pod's namespace as well", e);
    }
    if (namespaces.isEmpty()) {
      throw new IllegalArgumentException("no running Pod holds " + address + " in the cluster view");
    }
    if (namespaces.size() > 1) {
      throw new IllegalArgumentException("Pods of several namespaces hold " + address + " ("
          + String.join(", ", namespaces) + "); give the namespace as well");
    }
    return namespaces.get(0);
  }

  /** Each query the resolver sent, with what the server made of it (matched in order). */
  private static List<Step> steps(Resolution resolution, List<Served> served) {
    List<Step> steps = new ArrayList<>();
    int next = 0;
    for (Exchange exchange : resolution.exchanges()) {
      Served match = null;
      for (int i = next; i < served.size(); i++) {
        Served candidate = served.get(i);
        if (candidate.type() == exchange.type() && candidate.transport() == exchange.transport()
            && sameName(candidate, exchange)) {
          match = candidate;
          next = i + 1;
          break;
        }
      }
      steps.add(match == null
          ? new Step(exchange, Optional.empty(), List.of())
          : new Step(exchange, exchange.timedOut() ? Optional.empty() : Optional.of(match.reply()), match.reasons()));
    }
    return steps;
  }

  private static boolean sameName(Served served, Exchange exchange) {
    String name = served.name().labels() == 1 ? "." : served.name().toString(true);
    return name.equalsIgnoreCase(exchange.name());
  }
}
