package io.clusterdns.plugin.ready;

import io.clusterdns.plugin.Readiness;

/**
 * One plugin that reports readiness, as the ready endpoint asks it. In {@code until-ready} mode
 * a plugin that has said yes once is not asked again, as in CoreDNS: a later outage (the API
 * server gone) must not take every DNS pod out of its Service at once.
 */
final class MonitoredPlugin {
  private final String name;
  private final Readiness plugin;
  private final boolean continuously;
  private volatile boolean wasReady;

  MonitoredPlugin(String name, Readiness plugin, boolean continuously) {
    this.name = name;
    this.plugin = plugin;
    this.continuously = continuously;
  }

  String name() {
    return name;
  }

  boolean isReady() {
    if (wasReady) {
      return true;
    }
    boolean ready = plugin.isReady();
    if (ready && !continuously) {
      wasReady = true;
    }
    return ready;
  }
}
