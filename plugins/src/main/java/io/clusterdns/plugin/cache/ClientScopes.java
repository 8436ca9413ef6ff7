package io.clusterdns.plugin.cache;

import io.clusterdns.plugin.ClientScoped;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SetupContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugins of the block whose replies depend on who asks (autopath), and the scope a
 * request's reply is filed under: a reply made for one group of clients is never a hit for
 * another (CoreDNS serves one namespace's autopath answer to every other, coredns#1139).
 */
final class ClientScopes {
  static final ClientScopes NONE = new ClientScopes(new ClientScoped[0]);

  private final ClientScoped[] scoped;

  private ClientScopes(ClientScoped[] scoped) {
    this.scoped = scoped;
  }

  /** The block's client-scoped plugins; only valid from {@code start()} on. */
  static ClientScopes of(SetupContext context) {
    List<ClientScoped> found = new ArrayList<>();
    for (Handler handler : context.plugins().values()) {
      if (handler instanceof ClientScoped scopedHandler) {
        found.add(scopedHandler);
      }
    }
    return new ClientScopes(found.toArray(new ClientScoped[0]));
  }

  /** The scope of {@code request}'s reply, null when it is the same for every client. */
  Object of(Request request) {
    if (scoped.length == 1) {
      return scoped[0].clientScope(request);
    }
    List<Object> scopes = null;
    for (ClientScoped handler : scoped) {
      Object scope = handler.clientScope(request);
      if (scope != null) {
        if (scopes == null) {
          scopes = new ArrayList<>(scoped.length);
        }
        scopes.add(scope);
      }
    }
    return scopes;
  }
}
