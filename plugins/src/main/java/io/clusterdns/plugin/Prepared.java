package io.clusterdns.plugin;

/**
 * Work that {@link PluginSetup#prepare} began for one directive before any plugin was set up
 * (the kubernetes plugin's first load of the cluster). The directive's setup takes it over
 * through {@link SetupContext#prepared}; the server closes what no setup took over.
 */
public interface Prepared extends AutoCloseable {
  /** Ends the work, also while it is still running; nothing it opened stays open. */
  @Override
  void close();
}
