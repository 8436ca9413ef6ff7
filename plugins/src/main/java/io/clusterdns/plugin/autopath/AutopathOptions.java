package io.clusterdns.plugin.autopath;

import io.clusterdns.config.Token;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * What an {@code autopath} directive configures.
 *
 * @param zones the names whose queries may be completed, lower case, absolute
 * @param source the directive's last argument, {@code @kubernetes} or the resolv.conf file, for
 *     errors found at start
 * @param fromKubernetes whether each client's search path comes from the kubernetes plugin
 * @param search with {@code @kubernetes}, the server's own resolv.conf search domains, tried after
 *     the client's cluster domains; otherwise the file's search domains, the same for every client
 */
public record AutopathOptions(List<Name> zones, Token source, boolean fromKubernetes, List<Name> search) {
  public AutopathOptions {
    zones = List.copyOf(zones);
    search = List.copyOf(search);
  }
}
