package io.clusterdns.plugin;

/**
 * Optional interface of a {@link Handler} that holds some replies in wire form (cache), so that
 * the server can send one without building a message and encoding it again: on a busy server
 * those two make most of what a query allocates, and so most of the young collections whose
 * pauses make its latency tail.
 *
 * <p>The server asks only the first handler of a block's chain, since a plugin before it would
 * see the reply (and may change it: loadbalance, rewrite). When it returns null the query runs
 * through the chain as usual, so a handler must count nothing and change nothing it would
 * count or change again then.
 */
public interface WireHandler {
  /**
   * The reply to {@code request} in wire form: the request's ID, opcode, RD and CD, its
   * question spelled as asked, no OPT record (the server adds its own), at most {@code
   * maxLength} bytes. Null when the handler cannot answer so: then {@link Handler#serve} (or
   * {@link AsyncHandler#serveAsync}) runs next. {@code next} is the rest of the chain, for
   * work the handler starts in the background (a prefetch).
   */
  byte[] serveWire(Request request, Chain next, int maxLength);
}
