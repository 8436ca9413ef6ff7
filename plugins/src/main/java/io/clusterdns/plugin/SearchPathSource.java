package io.clusterdns.plugin;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * A plugin that knows the DNS search path of the clients that query it (kubernetes under {@code
 * pods verified}, from the Pod holding the client's address), for a plugin that walks that path on
 * the client's behalf (autopath).
 */
public interface SearchPathSource {
  /**
   * The search domains, most specific first, that the client at {@code client} appends to a
   * relative name that falls in the same zone of this plugin as {@code qname}. Empty when {@code
   * qname} is in none of the plugin's zones or when the client cannot be told with certainty: an
   * address no running Pod holds, one held by several Pods, or one of a Pod in the host's network.
   */
  Optional<List<Name>> searchPath(InetAddress client, Name qname);
}
