package io.clusterdns.plugin.autopath;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.ClientScoped;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Explaining;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SearchPathSource;
import io.clusterdns.plugin.SetupContext;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * The autopath plugin at query time: a query for a name under the first element of the client's
 * search path is completed here along the rest of that path (see {@link SearchWalk}); any other
 * query passes on untouched.
 *
 * <p>With {@code @kubernetes} the path, and so the reply, depends on who asks: the handler is not
 * {@link Deterministic}, which keeps the server's reply cache off for the block, and it is {@link
 * ClientScoped}, which makes the cache plugin file each completed reply under the client's search
 * path. A client whose namespace is not certain gets no completion at all.
 */
final class AutopathHandler implements Handler, Lifecycle, Deterministic, ClientScoped, Explaining {
  private final AutopathOptions options;
  private final Name[] zones;
  private final Supplier<Optional<SearchPathSource>> kubernetes;
  private final BooleanSupplier rewriteInBlock;
  private final Runnable countSuccess;
  /** With kubernetes the server's search domains, else none; then the bare name. */
  private final List<Name> tail;
  /** The search domains of the resolv.conf form, the same for every client; unused with kubernetes. */
  private final Optional<List<Name>> staticHead;
  private volatile SearchPathSource source;
  /** Whether the name autopath sees may differ from the one the cache filed the query under. */
  private volatile boolean rewritten;

  /**
   * @param kubernetes the block's kubernetes plugin, asked for at start
   * @param rewriteInBlock whether the block has a rewrite plugin, asked for at start
   */
  AutopathHandler(
      AutopathOptions options,
      Supplier<Optional<SearchPathSource>> kubernetes,
      BooleanSupplier rewriteInBlock,
      CounterDataPoint success) {
    this.options = options;
    this.zones = options.zones().toArray(new Name[0]);
    this.kubernetes = kubernetes;
    this.rewriteInBlock = rewriteInBlock;
    this.countSuccess = success::inc;
    this.tail = withRoot(options.fromKubernetes() ? options.search() : List.of());
    this.staticHead = options.fromKubernetes() || options.search().isEmpty()
        ? Optional.empty()
        : Optional.of(options.search());
  }

  static AutopathHandler create(AutopathOptions options, SetupContext context) {
    return new AutopathHandler(
        options,
        () -> context.sibling("kubernetes")
            .filter(SearchPathSource.class::isInstance)
            .map(SearchPathSource.class::cast),
        () -> context.plugins().containsKey("rewrite"),
        AutopathMetrics.success(context));
  }

  /**
   * Finds the kubernetes plugin, which is only known once the whole block is set up (setup made
   * sure that the block has one, with {@code pods verified}).
   */
  @Override
  public void start() {
    if (!options.fromKubernetes()) {
      return;
    }
    rewritten = rewriteInBlock.getAsBoolean();
    source = kubernetes.get().orElseThrow(() -> new IllegalStateException(
        options.source().location() + ": autopath: the block's kubernetes plugin gives no search paths"));
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    Optional<List<Name>> head = head(request);
    if (head.isEmpty()) {
      return next.next(request);
    }
    return SearchWalk.walk(request, head.get(), tail, next, countSuccess);
  }

  /**
   * The part of the search path that differs between clients (with kubernetes, the client's
   * cluster domains), when this request is to be completed: its name is below the first element
   * (the element itself is no relative name the client completed).
   */
  private Optional<List<Name>> head(Request request) {
    Name qname = request.qname();
    if (!within(qname)) {
      return Optional.empty();
    }
    Optional<List<Name>> head = options.fromKubernetes() ? clientDomains(request) : staticHead;
    if (head.isEmpty()) {
      return head;
    }
    Name first = head.get().get(0);
    return qname.labels() > first.labels() && qname.subdomain(first) ? head : Optional.empty();
  }

  private Optional<List<Name>> clientDomains(Request request) {
    SearchPathSource current = source;
    if (current == null || request.remote() == null) {
      return Optional.empty();
    }
    return current.searchPath(request.remote().getAddress(), request.qname())
        .filter(domains -> !domains.isEmpty());
  }

  /** Whether the client's search path is known, and what the server walks for it. */
  @Override
  public List<String> explain(Request request) {
    Name qname = request.qname();
    if (!within(qname)) {
      return List.of();
    }
    Optional<List<Name>> head = options.fromKubernetes() ? clientDomains(request) : staticHead;
    if (head.isEmpty()) {
      return List.of(options.fromKubernetes()
          ? "the client " + (request.remote() == null ? "" : request.remote().getAddress().getHostAddress() + " ")
              + "is not one running Pod with a network of its own, so its search path is not known:"
              + " the query passes on as asked and the client walks its search path itself"
          : "no search domains to complete with: the query passes on as asked");
    }
    Name first = head.get().get(0);
    if (qname.labels() <= first.labels() || !qname.subdomain(first)) {
      return List.of("not below the client's first search domain " + first + ": passes on as asked");
    }
    Name base = qname.relativize(first);
    List<String> walk = new ArrayList<>();
    for (Name domain : head.get().subList(1, head.get().size())) {
      walk.add(base + "." + domain);
    }
    for (Name domain : tail) {
      walk.add(domain.equals(Name.root) ? base + "." : base + "." + domain);
    }
    return List.of("the client's first search domain is " + first
        + (options.fromKubernetes() ? " (from its Pod's namespace)" : "") + ": when " + qname
        + " does not exist the server tries " + String.join(", ", walk)
        + " itself and answers with a CNAME to the first that does");
  }

  /**
   * Completed replies depend on the client's search path; other requests pass on and get the
   * same reply whoever asks. With rewrite in the block (it runs between the cache and autopath),
   * the name autopath completes is not the one the cache sees, so every reply is scoped by the
   * client's address: fewer cache hits, never another client's answer.
   */
  @Override
  public Object clientScope(Request request) {
    if (!options.fromKubernetes()) {
      return null;
    }
    if (rewritten) {
      return request.remote() == null ? null : request.remote().getAddress();
    }
    return head(request).orElse(null);
  }

  @Override
  public boolean deterministic() {
    return !options.fromKubernetes();
  }

  @Override
  public long generation() {
    return 0;
  }

  private boolean within(Name qname) {
    for (Name zone : zones) {
      if (qname.subdomain(zone)) {
        return true;
      }
    }
    return false;
  }

  /** {@code search}, then the root: the bare name is the last try, as resolvers make it. */
  private static List<Name> withRoot(List<Name> search) {
    List<Name> path = new ArrayList<>(search);
    path.add(Name.root);
    return List.copyOf(path);
  }
}
