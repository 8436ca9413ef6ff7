package io.clusterdns.plugin.cluster;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who a view tells of each snapshot it publishes, in the publisher's thread (a {@link LiveValue},
 * which builds what queries read there). Listeners come and go with plugin starts and reloads,
 * rarely; they are told without a lock.
 */
final class Listeners<T> {
  private final CopyOnWriteArrayList<Consumer<? super T>> all = new CopyOnWriteArrayList<>();

  /** Adds {@code listener}; the returned action removes it. */
  Runnable add(Consumer<? super T> listener) {
    all.add(listener);
    return () -> all.remove(listener);
  }

  void tell(T snapshot) {
    for (Consumer<? super T> listener : all) {
      listener.accept(snapshot);
    }
  }
}
