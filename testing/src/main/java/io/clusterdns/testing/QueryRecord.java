package io.clusterdns.testing;

import io.clusterdns.plugin.Transport;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * One query the test server received from a client, and what it did with it. Queries the server
 * makes for itself (resolving an ExternalName target) are not recorded.
 *
 * @param name the question name as the client spelled it, without the trailing dot ({@code "."}
 *     for the root)
 * @param type the question type ({@link Type})
 * @param client the client's address and port
 * @param id the query's message ID
 * @param rcode the reply's rcode ({@link Rcode}), or -1 when no reply was sent ({@link Fault.Action#DROP})
 * @param fault the fault injected into the reply, if any
 */
public record QueryRecord(
    String name, int type, Transport transport, InetSocketAddress client, int id, int rcode,
    Optional<Fault.Action> fault) {

  /** The type's mnemonic: {@code A}, {@code AAAA}, {@code SRV}. */
  public String typeName() {
    return Type.string(type);
  }

  /** The rcode's mnemonic ({@code NOERROR}, {@code NXDOMAIN}), or {@code "none"} when nothing was sent. */
  public String rcodeName() {
    return rcode < 0 ? "none" : Rcode.string(rcode);
  }

  /** Whether a reply was sent. */
  public boolean answered() {
    return rcode >= 0;
  }

  @Override
  public String toString() {
    return name + " " + typeName() + " " + transport.label() + " from " + client.getAddress().getHostAddress()
        + ":" + client.getPort() + " → " + rcodeName() + fault.map(f -> " (" + f + ")").orElse("");
  }
}
