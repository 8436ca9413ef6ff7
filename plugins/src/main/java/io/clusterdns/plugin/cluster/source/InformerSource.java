package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewayView;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1alpha2.TLSRoute;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster view from the Kubernetes API: informers (no resync, rule K6) on Services,
 * EndpointSlices (unless {@code noendpoints}), Namespaces and, under {@code pods verified}, Pods.
 * After the first sync an API outage keeps the last view serving (K5 in docs/decisions.md); the informers re-list and
 * re-watch on their own, and a lost or regained watch is logged.
 */
public final class InformerSource implements ClusterSource {
  private static final Logger LOG = LoggerFactory.getLogger(InformerSource.class);
  private static final long WAIT_LOG_MILLIS = 500;
  private static final long DELIVERY_CHECK_MILLIS = 5;
  private static final long WATCH_CHECK_MILLIS = 1000;

  private final SourceOptions options;
  private final Config config;
  private final ScheduledExecutorService executor;
  private final ClusterStore store;
  private final SnapshotPublisher publisher;
  /** Null unless a plugin (k8s_gateway) asked for Ingresses, Gateways and routes. */
  private final GatewayStore gatewayStore;
  /** Read by readiness checks on other threads, possibly while start() fills it. */
  private final Map<String, SharedIndexInformer<?>> informers = new ConcurrentHashMap<>();
  /** Each informer's condition "synced and every cached object handed to the store". */
  private final Map<String, BooleanSupplier> caughtUp = new ConcurrentHashMap<>();
  private volatile boolean synced;
  /** Touched only by the executor's thread, after start() has filled it. */
  private final Map<String, Boolean> watching = new HashMap<>();
  private KubernetesClient client;

  public InformerSource(SourceOptions options, ClusterView view) {
    this(options, view, null);
  }

  /** A source that also watches Ingresses and Gateway API objects into {@code gateways}. */
  public InformerSource(SourceOptions options, ClusterView view, GatewayView gateways) {
    this(options, view, gateways, ClientConfigs.forOptions(options), Clock.systemUTC());
  }

  InformerSource(SourceOptions options, ClusterView view, Config config, Clock clock) {
    this(options, view, null, config, clock);
  }

  InformerSource(
      SourceOptions options, ClusterView view, GatewayView gateways, Config config, Clock clock) {
    this.options = options;
    this.config = config;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "clusterdns-kubernetes-view");
              thread.setDaemon(true);
              return thread;
            });
    this.store = new ClusterStore(ClusterStore.NamespaceRule.MUST_EXIST, clock, this::changed);
    this.publisher = new SnapshotPublisher(store, view, this::synced, executor);
    this.gatewayStore = gateways == null ? null : new GatewayStore(gateways, clock);
  }

  private void changed() {
    publisher.changed();
  }

  @Override
  public void start() throws InterruptedException {
    client = new KubernetesClientBuilder().withConfig(config).build();
    register(
        "services",
        selected(client.services().inAnyNamespace(), options.labelSelector()),
        StoreHandlers.services(store));
    if (options.watchEndpoints()) {
      register(
          "endpointslices",
          selected(
              client.discovery().v1().endpointSlices().inAnyNamespace(), options.labelSelector()),
          StoreHandlers.slices(store));
    }
    register(
        "namespaces",
        selected(client.namespaces(), options.namespaceLabelSelector()),
        StoreHandlers.namespaces(store));
    if (options.watchPods()) {
      register(
          "pods",
          selected(client.pods().inAnyNamespace(), options.labelSelector())
              .withoutField("status.phase", "Succeeded")
              .withoutField("status.phase", "Failed")
              .withoutField("status.phase", "Unknown"),
          StoreHandlers.pods(store));
    }
    if (gatewayStore != null) {
      registerGatewayKinds();
    }
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (SharedIndexInformer<?> informer : informers.values()) {
      started.add(informer.start().toCompletableFuture());
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    all.thenRun(
        () -> {
          LOG.info("Kubernetes API synced");
          publisher.changed();
        });
    publisher.changed();
    awaitSync(all);
    if (synced()) {
      // Start returns with the synced view in place, so the first answers are never SERVFAIL.
      publisher.publishNow();
    }
    executor.scheduleWithFixedDelay(
        this::checkWatches, WATCH_CHECK_MILLIS, WATCH_CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Ingresses, and each Gateway API kind that the API serves: a cluster without the Gateway API
   * CRDs is not an error, those kinds are just not watched (a CRD installed later needs a
   * restart).
   */
  private void registerGatewayKinds() {
    register(
        "ingresses",
        client.network().v1().ingresses().inAnyNamespace(),
        StoreHandlers.ingresses(gatewayStore));
    if (served(Gateway.class)) {
      register("gateways", client.resources(Gateway.class).inAnyNamespace(),
          StoreHandlers.gateways(gatewayStore));
    }
    if (served(HTTPRoute.class)) {
      register("httproutes", client.resources(HTTPRoute.class).inAnyNamespace(),
          StoreHandlers.routes(gatewayStore));
    }
    if (served(GRPCRoute.class)) {
      register("grpcroutes", client.resources(GRPCRoute.class).inAnyNamespace(),
          StoreHandlers.routes(gatewayStore));
    }
    if (served(TLSRoute.class)) {
      register("tlsroutes", client.resources(TLSRoute.class).inAnyNamespace(),
          StoreHandlers.routes(gatewayStore));
    }
  }

  /** Whether the API serves {@code kind}: a list of at most one answers, rather than 404. */
  private boolean served(Class<? extends HasMetadata> kind) {
    try {
      client.resources(kind).inAnyNamespace().list(new ListOptionsBuilder().withLimit(1L).build());
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        LOG.info("the API does not serve {} (its CRD is not installed): not watched", kind.getSimpleName());
        return false;
      }
      // Any other failure (no permission, an outage) is the informer's to retry and report.
      return true;
    }
  }

  private static <T, L extends FilterWatchListDeletable<T, ?, ?>> L selected(
      L resources, String selector) {
    if (selector == null) {
      return resources;
    }
    @SuppressWarnings("unchecked")
    L filtered = (L) resources.withLabelSelector(selector);
    return filtered;
  }

  private <T extends HasMetadata> void register(
      String name, FilterWatchListDeletable<T, ?, ?> resources, ResourceEventHandler<T> handler) {
    SharedIndexInformer<T> informer = resources.runnableInformer(0);
    DeliveryTracker<T> tracker = new DeliveryTracker<>(handler);
    informer.addEventHandler(tracker);
    caughtUp.put(name, () -> tracker.caughtUpWith(informer));
    informer.exceptionHandler(
        (isStarted, t) -> {
          LOG.debug("watch of {} failed, retrying: {}", name, t.toString());
          return true;
        });
    watching.put(name, false);
    informers.put(name, informer);
  }

  private void awaitSync(CompletableFuture<Void> all) throws InterruptedException {
    long deadline = System.nanoTime() + options.startupTimeout().toNanos();
    while (true) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        LOG.warn("starting server with unsynced Kubernetes API");
        return;
      }
      try {
        all.get(Math.min(left, WAIT_LOG_MILLIS), TimeUnit.MILLISECONDS);
        if (synced()) {
          return;
        }
        // The caches are full; their events are still on their way to the store.
        TimeUnit.MILLISECONDS.sleep(Math.min(left, DELIVERY_CHECK_MILLIS));
      } catch (TimeoutException e) {
        LOG.info("waiting for Kubernetes API before starting server");
      } catch (ExecutionException e) {
        LOG.warn("starting server with unsynced Kubernetes API: {}", e.getCause().toString());
        return;
      }
    }
  }

  private void checkWatches() {
    if (!synced()) {
      return;
    }
    informers.forEach(
        (name, informer) -> {
          boolean now = informer.isWatching();
          boolean before = watching.put(name, now);
          if (before && !now) {
            LOG.warn("lost the watch on {}; serving the last known view", name);
          } else if (!before && now) {
            LOG.info("watching {}", name);
          }
        });
  }

  /**
   * Whether every informer has synced and handed all it holds to the store; once true, stays
   * true (an API outage later keeps the last view, decision D4 in docs/decisions.md).
   */
  @Override
  public boolean synced() {
    if (synced) {
      return true;
    }
    if (caughtUp.isEmpty()) {
      return false;
    }
    for (BooleanSupplier condition : caughtUp.values()) {
      if (!condition.getAsBoolean()) {
        return false;
      }
    }
    synced = true;
    // The last delivery's rebuild may have read "not synced" before this flipped: publish again.
    publisher.changed();
    return true;
  }

  /** Whether every informer currently holds an open watch (for tests that close the API). */
  boolean watching() {
    return !informers.isEmpty() && informers.values().stream().allMatch(SharedIndexInformer::isWatching);
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::stop);
    if (client != null) {
      client.close();
    }
    executor.shutdownNow();
  }
}
