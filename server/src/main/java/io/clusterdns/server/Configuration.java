package io.clusterdns.server;

import io.clusterdns.config.SourceDigest;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.Readiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Corefile set up: its zone tables by address and port, its plugins, and the queries in flight in them.
 * Its plugins were begun as they were set up ({@link Lifecycle#begin}). Started once, closed once;
 * a reload starts the next one before this one is closed, so plugins that own process-wide
 * resources (an HTTP address) can hand them over.
 */
final class Configuration implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Configuration.class);

  private final ServerAssembler.Assembly assembly;
  private final SourceDigest digest;
  private final InFlight inFlight = new InFlight();
  private boolean closed;

  Configuration(ServerAssembler.Assembly assembly, SourceDigest digest) {
    this.assembly = assembly;
    this.digest = digest;
  }

  /** The zone tables by address and port. */
  Map<ListenKey, ZoneTable> listeners() {
    return assembly.listeners();
  }

  /** Every plugin, block after block in chain order. */
  List<Handler> handlers() {
    return assembly.handlers();
  }

  InFlight inFlight() {
    return inFlight;
  }

  /** What was read of the Corefile and its imports, or null when it was given as text. */
  SourceDigest digest() {
    return digest;
  }

  /**
   * Starts every plugin in chain order, giving {@code timed} each one's directive and the
   * nanoseconds its start took; when one fails, closes every plugin (begun, if not started) and
   * rethrows.
   */
  void start(ObjLongConsumer<String> timed) throws Exception {
    try {
      for (int i = 0; i < assembly.handlers().size(); i++) {
        if (assembly.handlers().get(i) instanceof Lifecycle lifecycle) {
          long begin = System.nanoTime();
          lifecycle.start();
          timed.accept(assembly.names().get(i), System.nanoTime() - begin);
        }
      }
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** Whether every plugin that reports readiness is ready. */
  boolean isReady() {
    for (Handler handler : assembly.handlers()) {
      if (handler instanceof Readiness && !((Readiness) handler).isReady()) {
        return false;
      }
    }
    return true;
  }

  /** The directives of the plugins that report they are not ready, in chain order. */
  List<String> notReady() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < assembly.handlers().size(); i++) {
      if (assembly.handlers().get(i) instanceof Readiness readiness && !readiness.isReady()) {
        names.add(assembly.names().get(i));
      }
    }
    return names;
  }

  /**
   * Closes the plugins once the queries that entered them are answered; called after the next
   * configuration took over, so no new query enters. A query still running after {@code grace}
   * (stuck in a plugin) no longer holds the others back.
   */
  void retire(Duration grace) {
    int running = inFlight.awaitIdle(grace);
    if (running > 0) {
      LOG.warn("closing the previous configuration's plugins with {} queries still in them after {}",
          running, grace);
    }
    close();
  }

  /** Stops every plugin, started or only begun, in reverse chain order; once. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = assembly.handlers().size() - 1; i >= 0; i--) {
      if (assembly.handlers().get(i) instanceof Lifecycle lifecycle) {
        try {
          lifecycle.close();
        } catch (RuntimeException e) {
          LOG.warn("stopping {}: {}", lifecycle, e.toString());
        }
      }
    }
  }
}
