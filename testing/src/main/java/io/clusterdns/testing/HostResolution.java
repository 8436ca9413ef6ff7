package io.clusterdns.testing;

import io.clusterdns.resolver.Resolver;
import io.clusterdns.resolver.Resolution;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * The test server that answers the JVM's own host name look-ups ({@link InetAddress}, HTTP
 * clients, JDBC drivers) through the test pod's resolver, so that {@code nginx-service} resolves
 * with the pod's search path. The JDK asks here through this module's {@code
 * InetAddressResolverProvider}, which exists only on Java 21 and later and only when the module was
 * built with JDK 21 or later; see {@link #available()}. At most one server is active at a time;
 * without one, and for {@code localhost} (which a pod finds in /etc/hosts), the JVM's built-in
 * resolver answers.
 */
public final class HostResolution {
  private static final String PROVIDER = "io.clusterdns.testing.jvm.ClusterDnsResolverProvider";
  private static final int FIRST_RELEASE = 21;

  private static TestServer active;

  private HostResolution() {}

  /** Whether this JVM resolves host names through this module: Java 21+ and a build that has it. */
  public static boolean available() {
    if (Runtime.version().feature() < FIRST_RELEASE) {
      return false;
    }
    try {
      Class.forName(PROVIDER, false, HostResolution.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static synchronized void activate(TestServer server) {
    if (!available()) {
      throw new IllegalStateException("the JVM's host names can be resolved by the test server only on Java "
          + FIRST_RELEASE + " or later with a clusterdns-testing built by JDK " + FIRST_RELEASE
          + "+; this is Java " + Runtime.version().feature());
    }
    if (active != null && active != server) {
      throw new IllegalStateException("another test server resolves this JVM's host names already; "
          + "tests that use hostResolver() cannot run in parallel");
    }
    active = server;
  }

  static synchronized void deactivate(TestServer server) {
    if (active == server) {
      active = null;
    }
  }

  private static synchronized TestServer active() {
    return active;
  }

  /**
   * The addresses of {@code host} as the active server's pod resolves it (A, AAAA or both, in the
   * order asked); empty when no server is active or the host is localhost.
   *
   * @throws UnknownHostException when the pod's resolver finds no address
   */
  public static Optional<List<InetAddress>> lookup(String host, boolean ipv4, boolean ipv6, boolean ipv6First)
      throws UnknownHostException {
    TestServer server = active();
    String lower = host.toLowerCase(Locale.ROOT);
    if (server == null || lower.equals("localhost") || lower.equals("localhost.")) {
      return Optional.empty();
    }
    Resolver resolver = server.resolver();
    List<Integer> types = new ArrayList<>();
    if (ipv4) {
      types.add(Type.A);
    }
    if (ipv6) {
      types.add(ipv6First ? 0 : types.size(), Type.AAAA);
    }
    List<InetAddress> addresses = new ArrayList<>();
    List<Resolution> resolutions = new ArrayList<>();
    for (int type : types) {
      Resolution resolution = resolver.lookup(host, type);
      resolutions.add(resolution);
      for (InetAddress address : resolution.addresses()) {
        // The JDK wants the name asked for in each address it hands out.
        addresses.add(InetAddress.getByAddress(host, address.getAddress()));
      }
    }
    if (addresses.isEmpty()) {
      throw new UnknownHostException(host + ": " + resolutions.stream()
          .map(r -> Type.string(r.type()) + " " + r.outcome()).collect(Collectors.joining(", "))
          + " from the clusterdns-testing server");
    }
    return Optional.of(addresses);
  }

  /** The PTR name of {@code address} from the active server; empty when none is active. */
  public static Optional<String> lookupAddress(byte[] address) throws UnknownHostException {
    TestServer server = active();
    if (server == null) {
      return Optional.empty();
    }
    Resolution resolution = server.resolver().lookup(ReverseMap.fromAddress(address).toString(), Type.PTR);
    for (Record record : resolution.records()) {
      if (record instanceof PTRRecord ptr) {
        return Optional.of(ptr.getTarget().toString(true));
      }
    }
    throw new UnknownHostException("no PTR record for " + ReverseMap.fromAddress(address));
  }
}
