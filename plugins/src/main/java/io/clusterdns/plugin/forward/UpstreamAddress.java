package io.clusterdns.plugin.forward;

import io.clusterdns.plugin.Ipv6Text;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * One upstream: an IP address and port, reached over DNS over TLS or plain DNS.
 *
 * @param address the upstream's IP and port
 * @param tls whether queries go over TLS (RFC 7858)
 */
public record UpstreamAddress(InetSocketAddress address, boolean tls) {
  /** {@code IP:port} as CoreDNS labels upstreams in metrics ({@code [::1]:53} for IPv6). */
  public String label() {
    String host = address.getAddress() instanceof Inet6Address
        ? "[" + Ipv6Text.compressed(address.getAddress().getAddress()) + "]"
        : address.getAddress().getHostAddress();
    return host + ":" + address.getPort();
  }

  @Override
  public String toString() {
    return (tls ? "tls://" : "") + label();
  }
}
