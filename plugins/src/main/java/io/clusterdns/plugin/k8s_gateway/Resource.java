package io.clusterdns.plugin.k8s_gateway;

import java.util.Arrays;

/** The kinds of object whose host names k8s_gateway answers, by their Corefile spelling. */
enum Resource {
  INGRESS("Ingress"),
  SERVICE("Service"),
  HTTP_ROUTE("HTTPRoute"),
  TLS_ROUTE("TLSRoute"),
  GRPC_ROUTE("GRPCRoute"),
  GATEWAY("Gateway");

  private final String word;

  Resource(String word) {
    this.word = word;
  }

  String word() {
    return word;
  }

  /** The resource spelled {@code word} (as the API spells the kind), or null. */
  static Resource fromWord(String word) {
    return Arrays.stream(values()).filter(r -> r.word.equals(word)).findFirst().orElse(null);
  }

  /** The resource of a route kind ({@code HTTPRoute}, {@code TLSRoute}, {@code GRPCRoute}). */
  static Resource ofRouteKind(String kind) {
    return fromWord(kind);
  }
}
