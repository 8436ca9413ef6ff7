package io.clusterdns.server;

import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.ServerLookup;
import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * Enters the server through its first port, as of each call (a reload may swap the port's
 * configuration): what explain runs its questions through.
 */
final class FirstPortLookup implements ServerLookup {
  private final ServerRuntime runtime;

  FirstPortLookup(ServerRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Message lookup(Request request) {
    return runtime.firstProcessor().lookup(request);
  }

  @Override
  public Map<String, Handler> plugins(Name qname) {
    return runtime.firstProcessor().plugins(qname);
  }
}
