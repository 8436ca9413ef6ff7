package io.clusterdns.plugin.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Work handed to another thread that the thread waiting for it runs itself if nobody has started
 * it yet: the work runs exactly once, and a helper that is busy, shut down or refuses it (a
 * source being closed) never leaves the waiter hanging.
 */
final class SideTask<T> implements Runnable {
  private final Supplier<T> work;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final CompletableFuture<T> result = new CompletableFuture<>();

  private SideTask(Supplier<T> work) {
    this.work = work;
  }

  /** Offers {@code work} to {@code helper}; {@link #join} has it either way. */
  static <T> SideTask<T> fork(Supplier<T> work, Executor helper) {
    SideTask<T> task = new SideTask<>(work);
    try {
      helper.execute(task);
    } catch (RejectedExecutionException e) {
      // The waiter runs it in join().
    }
    return task;
  }

  @Override
  public void run() {
    if (claimed.compareAndSet(false, true)) {
      try {
        result.complete(work.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    }
  }

  /** The work's result, computed on this thread unless another one has started it. */
  T join() {
    run();
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error failure) {
        throw failure;
      }
      throw e;
    }
  }
}
