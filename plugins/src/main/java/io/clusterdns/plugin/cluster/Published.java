package io.clusterdns.plugin.cluster;

import java.util.function.Consumer;

/** A view that holds one current snapshot, swapped whole, and tells listeners of each publish. */
public interface Published<S> {
  S snapshot();

  /**
   * Calls {@code listener} after every publish, in the publisher's thread, until the returned
   * action removes it.
   */
  Runnable onPublish(Consumer<S> listener);
}
