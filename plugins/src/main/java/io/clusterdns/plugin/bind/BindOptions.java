package io.clusterdns.plugin.bind;

import java.net.InetAddress;
import java.util.List;

/**
 * The parsed {@code bind} directive.
 *
 * @param addresses the addresses to listen on, interfaces expanded and {@code except} removed, in
 *     Corefile order without duplicates; never empty
 */
public record BindOptions(List<InetAddress> addresses) {
  public BindOptions {
    addresses = List.copyOf(addresses);
  }
}
