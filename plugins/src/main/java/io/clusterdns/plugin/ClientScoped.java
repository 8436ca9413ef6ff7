package io.clusterdns.plugin;

/**
 * Optional interface of a handler whose reply to some requests depends on who asks (autopath:
 * on the client's namespace). A cache in front of it (the cache plugin) files a reply under the
 * request's scope as well as its question, so that a reply made for one group of clients is
 * never served to another.
 */
public interface ClientScoped {
  /**
   * A value, compared with {@code equals}, that is the same for every client that gets the same
   * reply to {@code request} from this handler, or null when the reply is the same for every
   * client. Called on every query the cache sees, so it must be cheap.
   */
  Object clientScope(Request request);
}
