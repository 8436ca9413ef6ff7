package io.clusterdns.plugin.forward;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How {@code tls://} upstreams are reached, from {@code tls [CERT KEY [CA]] | tls CA} and {@code
 * tls_servername}.
 *
 * @param certificate the client certificate (PEM) for upstreams that ask for one
 * @param key the client certificate's private key (PEM, PKCS #8)
 * @param ca the CA certificates (PEM) that upstream certificates must chain to; the JDK's
 *     trusted roots when empty
 * @param serverName the name the upstream's certificate must carry, also sent as SNI; without
 *     it the certificate must carry the upstream's IP address
 */
public record TlsOptions(
    Optional<Path> certificate, Optional<Path> key, Optional<Path> ca, Optional<String> serverName) {
  public static final TlsOptions DEFAULT =
      new TlsOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
