package io.clusterdns.server;

import io.clusterdns.plugin.Ipv6Text;
import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one listening port: a {@link ZoneMetrics} for each zone whose server block
 * uses {@code prometheus}, and one for the queries that enter no block ({@code dropped}), kept
 * when at least one block of the port is measured, as CoreDNS does.
 */
final class PortMetrics {
  private final Map<String, ZoneMetrics> byZone;
  private final ZoneMetrics dropped;

  private PortMetrics(Map<String, ZoneMetrics> byZone, ZoneMetrics dropped) {
    this.byZone = Map.copyOf(byZone);
    this.dropped = dropped;
  }

  /**
   * The metrics of the port bound at {@code address} serving {@code zones}, or null when no block
   * of the port uses {@code prometheus}. Marks each plugin of the measured blocks as enabled.
   */
  static PortMetrics of(InetSocketAddress address, ZoneTable zones) {
    String server = serverLabel(address);
    Map<String, ZoneMetrics> byZone = new HashMap<>();
    for (ZoneTable.Route route : zones.routes()) {
      if (route.chain().metered()) {
        List<String> plugins = route.chain().names();
        byZone.put(route.zone(), new ZoneMetrics(server, route.zone(), plugins));
        for (String plugin : plugins) {
          PrometheusMetrics.PLUGIN_ENABLED.labelValues(server, route.zone(), "", plugin).set(1);
        }
      }
    }
    if (byZone.isEmpty()) {
      return null;
    }
    return new PortMetrics(byZone, new ZoneMetrics(server, PrometheusMetrics.DROPPED_ZONE, List.of()));
  }

  /** CoreDNS's {@code server} label: {@code dns://:PORT} on every address, else {@code dns://ADDR:PORT}. */
  static String serverLabel(InetSocketAddress address) {
    InetAddress host = address.getAddress();
    String text = host.isAnyLocalAddress() ? ""
        : host instanceof Inet6Address ? "[" + Ipv6Text.compressed(host.getAddress()) + "]"
        : host.getHostAddress();
    return "dns://" + text + ":" + address.getPort();
  }

  /** The metrics of a block's zone, or null when that block does not use {@code prometheus}. */
  ZoneMetrics zone(String zone) {
    return byZone.get(zone);
  }

  ZoneMetrics dropped() {
    return dropped;
  }
}
