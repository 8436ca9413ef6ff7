package io.clusterdns.server;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.SourceDigest;
import io.clusterdns.plugin.PluginRegistry;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link ClusterDns.Builder} was told (the Corefile's source, listener settings, plugins,
 * the fatal-condition handler), and how it becomes a validated configuration or a started
 * runtime. The builder keeps only the public, documented setters. Used by one builder thread.
 */
final class ServerAssembly {
  private final CorefileSource source = new CorefileSource();
  private final ListenerChoices listeners = new ListenerChoices();
  private PluginRegistry registry;
  private Consumer<String> onFatal;

  CorefileSource source() {
    return source;
  }

  ListenerChoices listeners() {
    return listeners;
  }

  void plugins(PluginRegistry registry) {
    this.registry = Objects.requireNonNull(registry);
  }

  void onFatal(Consumer<String> handler) {
    this.onFatal = Objects.requireNonNull(handler);
  }

  /** Parses the Corefile and sets up every plugin without starting anything. */
  Corefile validate() throws CorefileException, CorefileProblems {
    Corefile parsed = source.parse(new SourceDigest());
    runtime().validate(parsed);
    return parsed;
  }

  /** Parses the Corefile, sets up and starts every plugin, and binds the listeners. */
  ServerRuntime start() throws CorefileException, CorefileProblems, IOException {
    StartupTimes times = new StartupTimes();
    SourceDigest digest = new SourceDigest();
    Corefile parsed = source.parse(digest);
    times.step("Corefile");
    ServerRuntime runtime = runtime();
    runtime.start(parsed, source.file() != null ? digest : null, times);
    return runtime;
  }

  private ServerRuntime runtime() {
    return new ServerRuntime(new ServerRuntime.Settings(registry(), listeners.defaultPort(),
        source.baseDirectory(), listeners.bindAddress(), listeners.udpWorkers(),
        listeners.udpThreads(), listeners.tcp(), source.file(), source.environment(), onFatal));
  }

  /** The plugins given, else those on the class path, loaded once. */
  private PluginRegistry registry() {
    if (registry == null) {
      registry = PluginRegistry.load();
    }
    return registry;
  }
}
