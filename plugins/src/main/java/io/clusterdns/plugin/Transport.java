package io.clusterdns.plugin;

/** How a query reached the server. */
public enum Transport {
  UDP,
  TCP;

  /** The lower-case name CoreDNS uses in logs and metrics ({@code udp}, {@code tcp}). */
  public String label() {
    return this == UDP ? "udp" : "tcp";
  }
}
