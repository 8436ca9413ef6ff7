package io.clusterdns.plugin.testkit;

import io.clusterdns.plugin.ReloadResult;
import io.clusterdns.plugin.ServerControl;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server control for handler tests: scripted reload results, fatal messages recorded. */
public final class FakeServerControl implements ServerControl {
  private final Path corefile;
  private final String digest;
  private final InetSocketAddress local;
  private final Deque<ReloadResult> results = new ArrayDeque<>();
  private final List<String> fatals = new CopyOnWriteArrayList<>();
  private int reloads;
  private int digestReads;

  /** A server started from {@code corefile} (null: from text) whose configuration has {@code digest}. */
  public FakeServerControl(Path corefile, String digest, InetSocketAddress local) {
    this.corefile = corefile;
    this.digest = digest;
    this.local = local;
  }

  /** What the next calls of {@link #reload} return, in order; then UNCHANGED. */
  public synchronized FakeServerControl thenReload(ReloadResult.Outcome outcome, String newDigest) {
    results.add(new ReloadResult(outcome, newDigest,
        outcome == ReloadResult.Outcome.FAILED ? List.of("Corefile:3:5: broken") : List.of()));
    return this;
  }

  @Override
  public Optional<Path> corefile() {
    return Optional.ofNullable(corefile);
  }

  @Override
  public synchronized Optional<String> digest() {
    digestReads++;
    return Optional.ofNullable(digest);
  }

  /** How often {@link #digest} was asked for: computing it is work the start should not do. */
  public synchronized int digestReads() {
    return digestReads;
  }

  @Override
  public synchronized ReloadResult reload() {
    reloads++;
    ReloadResult next = results.poll();
    return next != null ? next : new ReloadResult(ReloadResult.Outcome.UNCHANGED, digest, List.of());
  }

  public synchronized int reloads() {
    return reloads;
  }

  @Override
  public void fatal(String message) {
    fatals.add(message);
  }

  public List<String> fatals() {
    return List.copyOf(fatals);
  }

  @Override
  public InetSocketAddress localAddress() {
    return local;
  }
}
