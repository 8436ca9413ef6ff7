package io.clusterdns.plugin.kubernetes;

/**
 * The {@code apiserver_qps}, {@code apiserver_burst} and {@code apiserver_max_inflight} options.
 * They are validated so that CoreDNS Corefiles load unchanged, but the API source does not use
 * them: fabric8's watch-based informers issue one list and one long-lived watch per resource,
 * so there is no request stream for a client-side rate limit to shape.
 *
 * @param qps requests per second, 0 = client default
 * @param burst burst size, 0 = client default
 * @param maxInflight concurrent requests, 0 = unlimited
 */
public record ApiClientLimits(double qps, int burst, int maxInflight) {}
