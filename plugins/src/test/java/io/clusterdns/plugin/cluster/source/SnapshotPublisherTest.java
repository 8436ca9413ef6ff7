package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.ServiceInfo;
import io.clusterdns.plugin.cluster.ServiceKind;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotPublisherTest {
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private final ClusterView view = new ClusterView();
  private final AtomicInteger published = new AtomicInteger();
  private SnapshotPublisher publisher;
  private final ClusterStore store =
      new ClusterStore(ClusterStore.NamespaceRule.IMPLIED, Clock.systemUTC(), () -> publisher.changed());

  private static ServiceInfo service(int i) {
    return new ServiceInfo("default", "s" + i, ServiceKind.HEADLESS, List.of(), "", List.of(), List.of(), false);
  }

  @Test
  void burstOfChangesIsPublishedOnceWithAllOfThem() {
    publisher = new SnapshotPublisher(store, view, () -> true, tasks::add);
    view.onPublish(s -> published.incrementAndGet());
    for (int i = 0; i < 1000; i++) {
      store.putService(service(i));
    }
    assertEquals(1, tasks.size());
    tasks.poll().run();
    assertEquals(1, published.get());
    assertEquals(1000, view.snapshot().services().size());
    assertTrue(view.snapshot().synced());
  }

  @Test
  void changeAfterARebuildStartedQueuesAnotherRebuild() {
    publisher = new SnapshotPublisher(store, view, () -> false, tasks::add);
    view.onPublish(
        s -> {
          published.incrementAndGet();
          if (published.get() == 1) {
            store.putService(service(2));
          }
        });
    store.putService(service(1));
    tasks.poll().run();
    assertEquals(1, tasks.size());
    tasks.poll().run();
    assertEquals(2, view.snapshot().services().size());
    assertEquals(2, published.get());
  }
}
