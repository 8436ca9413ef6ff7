package io.clusterdns.plugin;

/**
 * Optional interface of a {@link Handler} that can answer some requests in wire form, so that
 * the server can send a reply without building a message and encoding it again: on a busy
 * server those two make most of what a query allocates, and so most of the young collections
 * whose pauses make its latency tail.
 *
 * <p>A handler that holds replies as bytes (cache) answers here; a handler before it that only
 * passes a reply on, or can do its part on the bytes (loadbalance), implements this by calling
 * {@link Chain#nextWire}. The server tries this path first, from the start of the chain, and
 * stops it at the first handler that is not a {@code WireHandler}. When it gives null the
 * query runs through the chain as usual, so a handler must count nothing and change nothing it
 * would count or change again then.
 */
public interface WireHandler {
  /**
   * The reply to {@code request} in wire form: the request's ID, opcode, RD and CD, its
   * question spelled as asked, no OPT record (the server adds its own), at most {@code
   * maxLength} bytes. Null when the handler cannot answer so: then {@link Handler#serve} (or
   * {@link AsyncHandler#serveAsync}) runs next, from the start of the chain. {@code next} is
   * the rest of the chain: its {@link Chain#nextWire} for a handler that passes the request
   * on, its other methods for work the handler starts in the background (a prefetch).
   */
  byte[] serveWire(Request request, Chain next, int maxLength) throws Exception;
}
