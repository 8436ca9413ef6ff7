package io.clusterdns.plugin;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a plugin may ask of the running server as a whole, beyond answering queries: reload the
 * Corefile (the reload plugin) or stop the process for a fatal condition (the loop plugin). One
 * instance per server block and configuration, so {@link #digest} and {@link #localAddress}
 * describe the configuration and block the plugin was set up in.
 */
public interface ServerControl {
  /** The Corefile file the server was started from; empty when it was given as text. */
  Optional<Path> corefile();

  /**
   * The SHA-512 (hex) of the Corefile and its imports as read for this plugin's configuration;
   * empty when the Corefile was given as text.
   */
  Optional<String> digest();

  /**
   * Re-reads the Corefile and, when its SHA-512 differs from the last one read, sets up, starts
   * and swaps in the new configuration, keeping the running one when the new one fails (the
   * server logs the failure once). Blocks until done.
   *
   * @throws IllegalStateException when the Corefile was given as text: there is nothing to re-read
   */
  ReloadResult reload();

  /**
   * Stops the server for a condition it must not run with: the server logs {@code message} as
   * an error and shuts down (the command line exits with status 1). Returns at once; the shutdown
   * happens on another thread.
   */
  void fatal(String message);

  /** The UDP address the block's first port is bound to; only valid once the server runs. */
  InetSocketAddress localAddress();
}
