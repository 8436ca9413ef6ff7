package io.clusterdns.plugin.cluster.source;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/** Informer event handlers that convert each watched object and write it to the store. */
final class StoreHandlers {
  private StoreHandlers() {}

  static ResourceEventHandler<Service> services(ClusterStore store) {
    return new Handler<>() {
      @Override
      void put(Service service) {
        store.putService(ServiceConversion.toInfo(service));
      }

      @Override
      public void onDelete(Service service, boolean finalStateUnknown) {
        store.removeService(
            Names.lower(service.getMetadata().getNamespace())
                + "/"
                + Names.lower(service.getMetadata().getName()));
      }
    };
  }

  static ResourceEventHandler<EndpointSlice> slices(ClusterStore store) {
    return new Handler<>() {
      @Override
      void put(EndpointSlice slice) {
        SliceInfo info = SliceConversion.toInfo(slice);
        if (info == null) {
          onDelete(slice, false);
        } else {
          store.putSlice(info, SliceConversion.lastChangeTrigger(slice));
        }
      }

      @Override
      public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
        store.removeSlice(
            SliceConversion.id(slice.getMetadata().getNamespace(), slice.getMetadata().getName()));
      }
    };
  }

  static ResourceEventHandler<Namespace> namespaces(ClusterStore store) {
    return new Handler<>() {
      @Override
      void put(Namespace namespace) {
        store.putNamespace(Names.lower(namespace.getMetadata().getName()));
      }

      @Override
      public void onDelete(Namespace namespace, boolean finalStateUnknown) {
        store.removeNamespace(Names.lower(namespace.getMetadata().getName()));
      }
    };
  }

  static ResourceEventHandler<Pod> pods(ClusterStore store) {
    return new Handler<>() {
      @Override
      void put(Pod pod) {
        var info = PodConversion.toInfo(pod);
        if (info == null) {
          store.removePod(PodConversion.key(pod));
        } else {
          store.putPod(PodConversion.key(pod), info);
        }
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        // A terminating Pod keeps its entry until it is deleted (rule R10, docs/decisions.md).
        if (pod.getMetadata().getDeletionTimestamp() == null) {
          put(pod);
        }
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        store.removePod(PodConversion.key(pod));
      }
    };
  }

  static ResourceEventHandler<Ingress> ingresses(GatewayStore store) {
    return new Handler<>() {
      @Override
      void put(Ingress ingress) {
        store.putIngress(GatewayConversion.ingress(ingress));
      }

      @Override
      public void onDelete(Ingress ingress, boolean finalStateUnknown) {
        store.removeIngress(GatewayConversion.ingress(ingress).key());
      }
    };
  }

  static ResourceEventHandler<Gateway> gateways(GatewayStore store) {
    return new Handler<>() {
      @Override
      void put(Gateway gateway) {
        store.putGateway(GatewayConversion.gateway(gateway));
      }

      @Override
      public void onDelete(Gateway gateway, boolean finalStateUnknown) {
        store.removeGateway(GatewayConversion.gateway(gateway).key());
      }
    };
  }

  /** HTTPRoutes, TLSRoutes or GRPCRoutes. */
  static <T extends HasMetadata> ResourceEventHandler<T> routes(GatewayStore store) {
    return new Handler<>() {
      @Override
      void put(T route) {
        store.putRoute(GatewayConversion.route(route));
      }

      @Override
      public void onDelete(T route, boolean finalStateUnknown) {
        store.removeRoute(GatewayConversion.route(route).key());
      }
    };
  }

  /** Adds and updates both mean "this is the object now". */
  private abstract static class Handler<T> implements ResourceEventHandler<T> {
    abstract void put(T object);

    @Override
    public void onAdd(T object) {
      put(object);
    }

    @Override
    public void onUpdate(T old, T object) {
      put(object);
    }
  }
}
