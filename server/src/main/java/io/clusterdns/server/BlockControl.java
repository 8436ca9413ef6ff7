package io.clusterdns.server;

import io.clusterdns.config.SourceDigest;
import io.clusterdns.plugin.ReloadResult;
import io.clusterdns.plugin.ServerControl;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The server as one block of one configuration sees it. */
final class BlockControl implements ServerControl {
  private final ServerRuntime runtime;
  private final Path corefile;
  private final Supplier<ListenKey> listener;
  private final SourceDigest digest;

  BlockControl(ServerRuntime runtime, Path corefile, Supplier<ListenKey> listener, SourceDigest digest) {
    this.runtime = runtime;
    this.corefile = corefile;
    this.listener = listener;
    this.digest = digest;
  }

  @Override
  public Optional<Path> corefile() {
    return Optional.ofNullable(corefile);
  }

  @Override
  public Optional<String> digest() {
    return Optional.ofNullable(digest).map(SourceDigest::hex);
  }

  @Override
  public ReloadResult reload() {
    return runtime.reload();
  }

  @Override
  public void fatal(String message) {
    runtime.fatal(message);
  }

  @Override
  public InetSocketAddress localAddress() {
    return runtime.localAddress(listener.get());
  }
}
