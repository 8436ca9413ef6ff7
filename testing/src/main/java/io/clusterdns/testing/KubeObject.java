package io.clusterdns.testing;

/**
 * An object of the declared cluster: a {@link ServiceObject} or a {@link PodObject}. Objects are
 * immutable values; a changed copy applied to a running cluster replaces the object of the same
 * kind, namespace and name.
 */
public sealed interface KubeObject permits ServiceObject, PodObject {
  String kind();

  String name();

  String namespace();

  /** The Kubernetes manifests of the object, as JSON documents (JSON is YAML). */
  java.util.List<String> manifests();

  /** Kind, namespace and name: what {@link Cluster#apply} replaces and {@link Cluster#delete} removes. */
  default String key() {
    return kind() + "/" + namespace() + "/" + name();
  }
}
