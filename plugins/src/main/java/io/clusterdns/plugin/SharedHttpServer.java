package io.clusterdns.plugin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One HTTP listener per address for the whole process, shared by every plugin instance that asks
 * for it (health, ready and prometheus are process-wide in CoreDNS: several server blocks, even
 * several configurations during a reload, use one listener). Each user holds a {@link Lease}; the
 * listener is bound by the first lease and stopped when the last one is released, so a reload
 * that opens the new configuration's leases before closing the old ones hands the listener over
 * without re-binding it.
 *
 * <p>Port 0 is never shared: each lease of it gets a listener on a port of its own, so that
 * servers embedded side by side in one JVM (tests) stay apart.
 */
public final class SharedHttpServer {
  /** Listeners by the address asked for; guarded by the class lock, as are all fields below. */
  private static final Map<InetSocketAddress, SharedHttpServer> OPEN = new HashMap<>();

  private final InetSocketAddress requested;
  private final HttpServer server;
  private final Map<String, Object> attachments = new LinkedHashMap<>();
  private int leases;

  private SharedHttpServer(InetSocketAddress requested, HttpServer server) {
    this.requested = requested;
    this.server = server;
  }

  /** Takes a lease on the listener of {@code address}, binding it when nobody holds it yet. */
  public static Lease open(InetSocketAddress address) throws IOException {
    synchronized (SharedHttpServer.class) {
      boolean shareable = address.getPort() != 0;
      SharedHttpServer shared = shareable ? OPEN.get(address) : null;
      if (shared == null) {
        HttpServer server;
        try {
          server = HttpServer.create(address, 0);
        } catch (IOException e) {
          BindException failure = new BindException(
              "cannot listen for HTTP on " + address.getAddress().getHostAddress() + ":" + address.getPort()
                  + ": " + e.getMessage());
          failure.initCause(e);
          throw failure;
        }
        server.start();
        shared = new SharedHttpServer(address, server);
        if (shareable) {
          OPEN.put(address, shared);
        }
      }
      shared.leases++;
      return shared.new Lease();
    }
  }

  /** A hold on a shared listener; {@link #close} releases it. */
  public final class Lease implements AutoCloseable {
    private boolean released;

    private Lease() {}

    /** The address the listener is bound to (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
      return server.getAddress();
    }

    /**
     * The listener's object of the given name, created with {@code create} on first use: the
     * state of one endpoint that every lease shares (its HTTP context is registered by {@code
     * create}). An attachment that is {@link AutoCloseable} is closed with the listener.
     */
    public <T> T attach(String name, Class<T> type, Function<HttpServer, T> create) {
      synchronized (SharedHttpServer.class) {
        return type.cast(attachments.computeIfAbsent(name, n -> create.apply(server)));
      }
    }

    @Override
    public void close() {
      synchronized (SharedHttpServer.class) {
        if (released) {
          return;
        }
        released = true;
        if (--leases > 0) {
          return;
        }
        OPEN.remove(requested, SharedHttpServer.this);
        Exception failure = null;
        for (Object attachment : attachments.values()) {
          if (attachment instanceof AutoCloseable closeable) {
            try {
              closeable.close();
            } catch (Exception e) {
              failure = e;
            }
          }
        }
        attachments.clear();
        // Stopped under the lock, so that a new lease on this address binds only once it is free.
        server.stop(0);
        if (failure != null) {
          throw new IllegalStateException("closing the endpoints of " + requested + " failed", failure);
        }
      }
    }
  }
}
