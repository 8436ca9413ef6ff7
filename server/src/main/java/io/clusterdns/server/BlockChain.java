package io.clusterdns.server;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.util.List;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;

/**
 * The plugins of one server block in execution order. The links between them are made once, so
 * running a query through the chain allocates nothing of its own. The chain's replies may be
 * reused for identical queries when every plugin in it is {@link Deterministic}.
 */
final class BlockChain {
  private final List<String> names;
  private final List<Handler> handlers;
  private final Chain entry;
  /** The handlers' generations to add up, or null when some handler is not deterministic. */
  private final Deterministic[] generations;

  BlockChain(List<String> names, List<Handler> handlers) {
    this.names = List.copyOf(names);
    this.handlers = List.copyOf(handlers);
    Chain next = Replies::servfail;
    for (int i = handlers.size() - 1; i >= 0; i--) {
      Handler handler = handlers.get(i);
      next = handler.blocking()
          ? new BlockingLink(names.get(i), handler, next)
          : new Link(names.get(i), handler, next);
    }
    this.entry = handlers.isEmpty() ? Replies::refused : next;
    this.generations =
        handlers.stream().allMatch(h -> h instanceof Deterministic && ((Deterministic) h).deterministic())
            ? handlers.stream().map(Deterministic.class::cast).toArray(Deterministic[]::new)
            : null;
  }

  /** Whether a reply of this chain may be reused for a byte-identical query. */
  boolean cacheable() {
    return generations != null;
  }

  /**
   * The sum of the handlers' generations: it changes whenever the state of one of them does,
   * since none ever shrinks. Only for a {@link #cacheable} chain.
   */
  long generation() {
    long sum = 0;
    for (Deterministic handler : generations) {
      sum += handler.generation();
    }
    return sum;
  }

  List<String> names() {
    return names;
  }

  List<Handler> handlers() {
    return handlers;
  }

  Message run(Request request) throws Exception {
    return entry.next(request);
  }

  /**
   * The link to a handler that may wait for the network: the thread first makes room through
   * its {@link BlockingGate}, and when it cannot, the query is refused at once rather than
   * queued behind the ones already waiting.
   */
  private static final class BlockingLink implements Chain {
    private final Link link;

    BlockingLink(String name, Handler handler, Chain next) {
      this.link = new Link(name, handler, next);
    }

    @Override
    public Message next(Request request) throws Exception {
      if (!BlockingGate.beforeBlocking()) {
        return Replies.withExtendedError(Replies.refused(request), ExtendedErrorCodeOption.OTHER,
            "server busy: every thread is waiting for an upstream");
      }
      return link.next(request);
    }
  }

  private static final class Link implements Chain {
    private final String name;
    private final Handler handler;
    private final Chain next;

    Link(String name, Handler handler, Chain next) {
      this.name = name;
      this.handler = handler;
      this.next = next;
    }

    @Override
    public Message next(Request request) throws Exception {
      try {
        Message reply = handler.serve(request, next);
        if (reply == null) {
          throw new IllegalStateException("returned no reply");
        }
        return reply;
      } catch (PluginFailure failure) {
        throw failure;
      } catch (Exception | LinkageError | AssertionError e) {
        throw new PluginFailure(name, e);
      }
    }
  }
}
