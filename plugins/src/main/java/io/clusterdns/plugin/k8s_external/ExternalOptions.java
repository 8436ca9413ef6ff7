package io.clusterdns.plugin.k8s_external;

import io.clusterdns.plugin.Fallthrough;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * The k8s_external plugin's settings after parsing (see the plugin README for each option).
 *
 * @param zones the zones answered, lower case, absolute, in Corefile order
 * @param primaryZone the first zone that is not a reverse zone: PTR targets are built under it
 * @param apex the name (relative to each zone) holding the zone's name server, {@code dns}
 * @param ttl TTL of every record, the SOA's own included
 * @param headless whether headless Services without external addresses answer their endpoints
 * @param fallthrough which NXDOMAIN names go to the next plugin
 */
public record ExternalOptions(
    List<Name> zones, Name primaryZone, Name apex, int ttl, boolean headless, Fallthrough fallthrough) {
  public static final int DEFAULT_TTL = 5;
  public static final String DEFAULT_APEX = "dns";

  public ExternalOptions {
    zones = List.copyOf(zones);
  }
}
