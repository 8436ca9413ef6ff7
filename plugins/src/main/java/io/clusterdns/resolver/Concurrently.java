package io.clusterdns.resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * The A and AAAA queries of one candidate run at once, each with its own retries and timeouts,
 * as Go's two goroutines and c-ares's two {@code ares_query} calls do.
 */
final class Concurrently {
  private Concurrently() {}

  /**
   * What each query came to, and whether the AAAA query ended last (the one c-ares decides on;
   * also when both ended within the same millisecond, as AAAA is sent second).
   */
  record Both<T>(T a, T aaaa, boolean aaaaLast) {}

  /**
   * Runs {@code a} here and {@code aaaa} on a thread of its own, each given its own exchange list;
   * adds their exchanges to {@code exchanges} attempt by attempt, A before AAAA.
   */
  static <T> Both<T> run(Function<List<Exchange>, T> a, Function<List<Exchange>, T> aaaa, List<Exchange> exchanges) {
    List<Exchange> aExchanges = new ArrayList<>();
    List<Exchange> aaaaExchanges = new ArrayList<>();
    long[] aaaaEnd = new long[1];
    FutureTask<T> task = new FutureTask<>(() -> {
      T result = aaaa.apply(aaaaExchanges);
      aaaaEnd[0] = System.nanoTime();
      return result;
    });
    Thread thread = new Thread(task, "resolver-model-aaaa");
    thread.setDaemon(true);
    thread.start();
    T aResult = a.apply(aExchanges);
    long aEnd = System.nanoTime();
    T aaaaResult;
    try {
      aaaaResult = task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the AAAA query", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }
    for (int i = 0; i < Math.max(aExchanges.size(), aaaaExchanges.size()); i++) {
      if (i < aExchanges.size()) {
        exchanges.add(aExchanges.get(i));
      }
      if (i < aaaaExchanges.size()) {
        exchanges.add(aaaaExchanges.get(i));
      }
    }
    // The FutureTask's get() orders the read of aaaaEnd after its write.
    return new Both<>(aResult, aaaaResult, aaaaEnd[0] - aEnd > -1_000_000);
  }
}
