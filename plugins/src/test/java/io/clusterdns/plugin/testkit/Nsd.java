package io.clusterdns.plugin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * NSD, the authoritative server from Debian's {@code nsd} package, serving zone files given as
 * text from a temp directory on a loopback address.
 */
public final class Nsd {
  private Nsd() {}

  /** Configures NSD for {@code zones} (origin without trailing dot → zone file text). */
  public static DaemonProcess on(Path dir, InetAddress address, int port, Map<String, String> zones) {
    StringBuilder conf = new StringBuilder()
        .append("server:\n")
        .append("  ip-address: ").append(address.getHostAddress()).append('@').append(port).append('\n')
        .append("  server-count: 1\n  username: \"\"\n  chroot: \"\"\n  database: \"\"\n  verbosity: 1\n")
        // Response rate limiting would drop or truncate a test's bursts of identical queries.
        .append("  rrl-ratelimit: 0\n  rrl-whitelist-ratelimit: 0\n")
        .append("  zonesdir: \"").append(dir).append("\"\n")
        .append("  pidfile: \"").append(dir.resolve("nsd.pid")).append("\"\n")
        .append("  xfrdfile: \"").append(dir.resolve("xfrd.state")).append("\"\n")
        .append("  zonelistfile: \"").append(dir.resolve("zone.list")).append("\"\n")
        .append("remote-control:\n  control-enable: no\n");
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> zone : zones.entrySet()) {
        Files.writeString(dir.resolve(zone.getKey() + ".zone"), zone.getValue());
        conf.append("zone:\n  name: ").append(zone.getKey()).append("\n  zonefile: ")
            .append(zone.getKey()).append(".zone\n");
      }
      Path confFile = dir.resolve("nsd.conf");
      Files.writeString(confFile, conf);
      Name probe = Name.fromString(zones.keySet().iterator().next(), Name.root);
      return new DaemonProcess(
          List.of("nsd", "-d", "-c", confFile.toString()), dir.resolve("nsd.log"),
          new InetSocketAddress(address, port), probe);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A zone file for {@code origin} with SOA, NS and the given records (zone-file lines). */
  public static String zone(String origin, String... records) {
    StringBuilder text = new StringBuilder()
        .append("$ORIGIN ").append(origin).append(".\n$TTL 300\n")
        .append("@ IN SOA ns.").append(origin).append(". admin.").append(origin).append(". 1 3600 600 86400 300\n")
        .append("@ IN NS ns.").append(origin).append(".\n")
        .append("ns IN A 127.0.0.1\n");
    for (String record : records) {
      text.append(record).append('\n');
    }
    return text.toString();
  }
}
