package io.clusterdns.server;

import io.clusterdns.plugin.AsyncHandler;
import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.DeliveryFault;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.WireHandler;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;

/**
 * The plugins of one server block in execution order. The links between them are made once, so
 * running a query through the chain allocates nothing of its own. The chain's replies may be
 * reused for identical queries when every plugin in it is {@link Deterministic}.
 */
final class BlockChain {
  /** The plugin whose presence makes the server count a block's queries. */
  static final String METRICS_PLUGIN = "prometheus";

  /**
   * Per thread, for measured chains: the last reply a link saw come back and the plugin that
   * made it. A link whose handler returns another message than the one it got from the rest of
   * the chain wrote that reply; one that passes its next's reply on (or edits it) did not.
   */
  private static final ThreadLocal<Origin> ORIGIN = ThreadLocal.withInitial(Origin::new);

  private static final class Origin {
    private Message reply;
    /** The first wire reply a link gave in this run of the wire path, or null. */
    private byte[] wire;
    private String plugin = "";
  }

  private final List<String> names;
  private final List<Handler> handlers;
  private final Chain entry;
  /** The handlers' generations to add up, or null when some handler is not deterministic. */
  private final Deterministic[] generations;
  private final boolean metered;
  private final boolean asynchronous;
  /** The first link when its handler is a {@link WireHandler}, else null: no wire path. */
  private final Link wireHead;

  BlockChain(List<String> names, List<Handler> handlers) {
    this.names = List.copyOf(names);
    this.handlers = List.copyOf(handlers);
    this.metered = names.contains(METRICS_PLUGIN);
    Chain next = metered ? BlockChain::pastTheEnd : Replies::servfail;
    for (int i = handlers.size() - 1; i >= 0; i--) {
      next = new Link(names.get(i), handlers.get(i), next, metered);
    }
    this.wireHead = !handlers.isEmpty() && handlers.get(0) instanceof WireHandler ? (Link) next : null;
    this.entry = handlers.isEmpty() ? Replies::refused : next;
    this.asynchronous = !handlers.isEmpty() && handlers.get(0) instanceof AsyncHandler
        && handlers.stream().anyMatch(h -> h instanceof AsyncHandler && h.blocking());
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

  /** Whether the server counts this block's queries (it uses {@code prometheus}). */
  boolean metered() {
    return metered;
  }

  /**
   * The plugin that wrote the last reply of a measured chain run in this thread, empty when none
   * did (past the end of the chain).
   */
  static String replyPlugin() {
    return ORIGIN.get().plugin;
  }

  /** Records that the server, not a plugin, wrote the reply of the failed chain run in this thread. */
  static void writtenByServer() {
    Origin origin = ORIGIN.get();
    origin.reply = null;
    origin.plugin = "";
  }

  /** The SERVFAIL past the last plugin, which no plugin wrote. */
  private static Message pastTheEnd(Request request) {
    Message reply = Replies.servfail(request);
    Origin origin = ORIGIN.get();
    origin.reply = reply;
    origin.plugin = "";
    return reply;
  }

  List<String> names() {
    return names;
  }

  List<Handler> handlers() {
    return handlers;
  }

  /** The handlers by plugin name in chain order (a repeated plugin by its first handler). */
  Map<String, Handler> plugins() {
    Map<String, Handler> byName = new LinkedHashMap<>();
    for (int i = 0; i < handlers.size(); i++) {
      byName.putIfAbsent(names.get(i), handlers.get(i));
    }
    return Collections.unmodifiableMap(byName);
  }

  /**
   * The chain's reply in wire form of at most {@code maxLength} bytes when its {@link
   * WireHandler}s have one (a cache hit behind plugins that pass it on), else null: then {@link
   * #run} or {@link #runAsync}.
   */
  byte[] runWire(Request request, int maxLength) throws PluginFailure {
    if (wireHead == null) {
      return null;
    }
    if (metered) {
      ORIGIN.get().wire = null;
    }
    return wireHead.nextWire(request, maxLength);
  }

  Message run(Request request) throws Exception {
    if (metered) {
      ORIGIN.get().reply = null;
    }
    return entry.next(request);
  }

  /**
   * Whether a query may take {@link #runAsync}: the first handler is an {@link AsyncHandler} and
   * so is some handler that waits for the network, which then holds no thread while it waits.
   */
  boolean asynchronous() {
    return asynchronous;
  }

  /**
   * Runs a request for a reply that may come later, on the thread that completes it. A
   * measured chain's {@link #replyPlugin} is then that thread's, read in the stage's functions.
   */
  CompletionStage<Message> runAsync(Request request) {
    if (metered) {
      ORIGIN.get().reply = null;
    }
    return entry.nextAsync(request);
  }

  /**
   * One handler and the rest of the chain after it. A handler that may wait for the network
   * ({@link Handler#blocking}) runs synchronously only after the thread made room through its
   * {@link BlockingGate}; when it cannot, the query is refused at once rather than queued behind
   * the ones already waiting. On the asynchronous path an {@link AsyncHandler} answers without
   * that hand-off, and any other handler runs synchronously as above.
   */
  private static final class Link implements Chain {
    private final String name;
    private final Handler handler;
    /** The handler when it is an {@link AsyncHandler}, else null. */
    private final AsyncHandler async;
    private final Chain next;
    private final boolean metered;
    private final boolean gated;

    Link(String name, Handler handler, Chain next, boolean metered) {
      this.name = name;
      this.handler = handler;
      this.async = handler instanceof AsyncHandler a ? a : null;
      this.next = next;
      this.metered = metered;
      this.gated = handler.blocking();
    }

    @Override
    public Message next(Request request) throws Exception {
      if (gated && !BlockingGate.beforeBlocking()) {
        return Replies.withExtendedError(Replies.refused(request), ExtendedErrorCodeOption.OTHER,
            "server busy: every thread is waiting for an upstream");
      }
      try {
        return served(handler.serve(request, next));
      } catch (PluginFailure | DeliveryFault passOn) {
        throw passOn;
      } catch (Exception | LinkageError | AssertionError e) {
        throw new PluginFailure(name, e);
      }
    }

    @Override
    public CompletionStage<Message> nextAsync(Request request) {
      if (async == null) {
        return Chain.super.nextAsync(request);
      }
      CompletionStage<Message> stage;
      try {
        stage = async.serveAsync(request, next);
      } catch (PluginFailure | DeliveryFault passOn) {
        return CompletableFuture.failedFuture(passOn);
      } catch (Exception | LinkageError | AssertionError e) {
        return CompletableFuture.failedFuture(new PluginFailure(name, e));
      }
      if (stage == null) {
        return Chain.super.nextAsync(request);
      }
      // A reply already there (a cache hit) is passed on as it is, with no stage more.
      if (stage instanceof CompletableFuture<Message> now && now.isDone() && !now.isCompletedExceptionally()
          && now.getNow(null) != null) {
        served(now.getNow(null));
        return now;
      }
      return stage.handle(this::completed);
    }

    /**
     * The handler's reply in wire form when it is a {@link WireHandler}, else null. A handler
     * that may wait for the network has no reply in memory to give, so it is not asked.
     */
    @Override
    public byte[] nextWire(Request request, int maxLength) throws PluginFailure {
      if (!(handler instanceof WireHandler wire) || gated) {
        return null;
      }
      byte[] reply;
      try {
        reply = wire.serveWire(request, next, maxLength);
      } catch (PluginFailure passOn) {
        throw passOn;
      } catch (Exception | LinkageError | AssertionError e) {
        throw new PluginFailure(name, e);
      }
      if (reply != null && metered) {
        Origin origin = ORIGIN.get();
        // The handler that made the bytes wrote the reply; those before it that pass them on
        // or edit them (loadbalance, even into a new array when it cannot in place) did not,
        // as on the message path. No wire handler answers over bytes it was given.
        if (origin.wire == null) {
          origin.wire = reply;
          origin.plugin = name;
        }
      }
      return reply;
    }

    /** What the rest of an asynchronous chain sees of this handler's outcome. */
    private Message completed(Message reply, Throwable error) {
      if (error == null) {
        try {
          return served(reply);
        } catch (IllegalStateException e) {
          error = e;
        }
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      throw new CompletionException(
          cause instanceof PluginFailure || cause instanceof DeliveryFault ? cause : new PluginFailure(name, cause));
    }

    /** Checks a reply the handler made and notes, for a measured chain, who wrote it. */
    private Message served(Message reply) {
      if (reply == null) {
        throw new IllegalStateException("returned no reply");
      }
      if (metered) {
        Origin origin = ORIGIN.get();
        if (origin.reply != reply) {
          origin.reply = reply;
          origin.plugin = name;
        }
      }
      return reply;
    }
  }
}
