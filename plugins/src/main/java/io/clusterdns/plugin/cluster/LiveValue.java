package io.clusterdns.plugin.cluster;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value built from the current snapshots of one or two views, rebuilt in the publisher's
 * thread whenever one of them publishes, and swapped whole together with a generation one
 * higher: queries read one volatile field, with no lock, and never build. The value is rebuilt
 * only when a snapshot it was built from has been replaced (compared by identity).
 *
 * @param <T> the value; its builder never returns null
 */
public final class LiveValue<T> {
  /** A value and the number of builds up to and including it, read together. */
  public record Version<T>(T value, long generation) {}

  private final List<Published<?>> views;
  private final Builder<?, T> builder;
  private final Consumer<? super T> built;
  /** Null until {@link #follow}. */
  private volatile Version<T> current;
  private volatile List<Runnable> unsubscribe = List.of();

  private LiveValue(List<Published<?>> views, Builder<?, T> builder, Consumer<? super T> built) {
    this.views = views;
    this.builder = builder;
    this.built = built;
  }

  /** The value {@code build} makes of {@code view}'s snapshot. */
  public static <S, T> LiveValue<T> of(Published<S> view, Function<? super S, ? extends T> build) {
    return new LiveValue<>(
        List.of(view), new Builder<S, T>(view::snapshot, (a, b) -> a == b, build), value -> {});
  }

  /**
   * The value {@code build} makes of the snapshots of two views.
   *
   * @param built told each new value, in the publisher's thread, one value at a time, before any
   *     newer one is built
   */
  public static <A, B, T> LiveValue<T> of(
      Published<A> first,
      Published<B> second,
      BiFunction<? super A, ? super B, ? extends T> build,
      Consumer<? super T> built) {
    Builder<Pair<A, B>, T> builder =
        new Builder<>(
            () -> new Pair<>(first.snapshot(), second.snapshot()),
            (a, b) -> a.first() == b.first() && a.second() == b.second(),
            pair -> build.apply(pair.first(), pair.second()));
    return new LiveValue<>(List.of(first, second), builder, built);
  }

  /** Builds the value of what the views hold now, and rebuilds it on every publish from now on. */
  public void follow() {
    unsubscribe = views.stream().map(view -> view.onPublish(snapshot -> rebuild())).toList();
    rebuild();
  }

  /** Stops following the views; the last value stays. */
  public void stop() {
    unsubscribe.forEach(Runnable::run);
    unsubscribe = List.of();
  }

  /** The value last built, with its generation; null before {@link #follow}. */
  public Version<T> current() {
    return current;
  }

  /**
   * One thread builds at a time, and each reads the snapshots under the lock, so the value last
   * swapped in is of the latest snapshots and generations only grow.
   */
  private synchronized void rebuild() {
    T value = builder.buildIfChanged();
    if (value == null) {
      return;
    }
    Version<T> seen = current;
    current = new Version<>(value, seen == null ? 1 : seen.generation() + 1);
    built.accept(value);
  }

  private record Pair<A, B>(A first, B second) {}

  /** Reads the views' snapshots as one {@code K}; used only under the value's lock. */
  private static final class Builder<K, T> {
    private final Supplier<K> read;
    private final BiPredicate<K, K> same;
    private final Function<? super K, ? extends T> build;
    /** The snapshots of the value last built; null before the first. */
    private K last;

    Builder(Supplier<K> read, BiPredicate<K, K> same, Function<? super K, ? extends T> build) {
      this.read = read;
      this.same = same;
      this.build = build;
    }

    /** The value of the views' snapshots now, or null when they are the ones last built from. */
    T buildIfChanged() {
      K now = read.get();
      if (last != null && same.test(last, now)) {
        return null;
      }
      T value = build.apply(now);
      last = now;
      return value;
    }
  }
}
