package io.clusterdns.plugin.cluster.source;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps an informer's event handler to tell when the handler has been handed every object the
 * informer's cache holds. fabric8 reports an informer synced as soon as its cache is filled, but
 * delivers the events to handlers later on its own thread: until they are delivered, the store
 * (and so the answers) lacks objects, and a name that exists would be NXDOMAIN.
 */
final class DeliveryTracker<T extends HasMetadata> implements ResourceEventHandler<T> {
  private final ResourceEventHandler<T> handler;
  /** Keys handed to the handler so far; null once it has caught up, when nothing is tracked. */
  private volatile Set<String> delivered = ConcurrentHashMap.newKeySet();

  DeliveryTracker(ResourceEventHandler<T> handler) {
    this.handler = handler;
  }

  @Override
  public void onAdd(T object) {
    handler.onAdd(object);
    record(object);
  }

  @Override
  public void onUpdate(T old, T object) {
    handler.onUpdate(old, object);
    record(object);
  }

  @Override
  public void onDelete(T object, boolean finalStateUnknown) {
    handler.onDelete(object, finalStateUnknown);
    Set<String> keys = delivered;
    if (keys != null) {
      keys.remove(Cache.metaNamespaceKeyFunc(object));
    }
  }

  private void record(T object) {
    Set<String> keys = delivered;
    if (keys != null) {
      keys.add(Cache.metaNamespaceKeyFunc(object));
    }
  }

  /**
   * Whether the informer has synced and the handler has been given every object in its cache.
   * Once true it stays true (the informer's later events are delivered in order).
   */
  boolean caughtUpWith(SharedIndexInformer<T> informer) {
    Set<String> keys = delivered;
    if (keys == null) {
      return true;
    }
    if (!informer.hasSynced()) {
      return false;
    }
    for (String key : informer.getStore().listKeys()) {
      if (!keys.contains(key)) {
        return false;
      }
    }
    delivered = null;
    return true;
  }
}
