package io.clusterdns.server;

/** An exception thrown by a plugin, tagged with the plugin's name for the error log. */
final class PluginFailure extends Exception {
  private final String plugin;

  PluginFailure(String plugin, Throwable cause) {
    super("plugin/" + plugin + ": " + cause, cause);
    this.plugin = plugin;
  }

  String plugin() {
    return plugin;
  }
}
