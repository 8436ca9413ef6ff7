package io.clusterdns.plugin;

import org.xbill.DNS.Message;

/**
 * The query-time half of a plugin, as CoreDNS's {@code plugin.Handler}: it either answers a
 * request or passes it on with {@code next.next(request)}. It may wrap the next plugin's answer
 * (log, cache, autopath). A handler that throws turns into SERVFAIL for that query only.
 *
 * <p>Replies are built with {@link Replies}; the server adds the OPT record and truncates to the
 * client's size, so handlers do neither.
 */
@FunctionalInterface
public interface Handler {
  Message serve(Request request, Chain next) throws Exception;

  /**
   * Whether {@link #serve} may wait for the network (an upstream server) before it answers. The
   * server then lets the thread that received the query wait, and has another thread receive
   * in its place, just before this handler runs; the handlers before it run without that
   * hand-off. False by default: a handler that answers from memory. A blocking handler that is
   * also an {@link AsyncHandler} waits without a thread where it can, and takes this path only
   * when its {@code serveAsync} declines.
   */
  default boolean blocking() {
    return false;
  }
}
