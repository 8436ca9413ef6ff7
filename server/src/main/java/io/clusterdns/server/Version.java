package io.clusterdns.server;

import io.clusterdns.plugin.prometheus.PrometheusMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this build was made as, from a resource Maven fills in. */
public final class Version {
  private Version() {}

  public static String current() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/io/clusterdns/server/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }

  /**
   * Sets {@code coredns_build_info}: our version, an empty revision (as a CoreDNS built without
   * its git commit), and the Java version where CoreDNS gives Go's.
   */
  static void publish() {
    PrometheusMetrics.BUILD_INFO.labelValues(current(), "", "java" + System.getProperty("java.version")).set(1);
  }
}
