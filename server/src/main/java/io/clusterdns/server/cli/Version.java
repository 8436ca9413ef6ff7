package io.clusterdns.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this build was made as, from a resource Maven fills in. */
final class Version {
  private Version() {}

  static String current() {
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
}
