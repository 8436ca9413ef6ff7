package io.clusterdns.plugin;

/** Optional interface of a handler that is not able to answer fully at once (the ready plugin). */
public interface Readiness {
  boolean isReady();
}
