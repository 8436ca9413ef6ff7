package io.clusterdns.testing.jvm;

import io.clusterdns.testing.HostResolution;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JVM's host name resolver while a test server is active as one ({@link HostResolution}),
 * and the JVM's built-in resolver otherwise. Found by the JDK through {@code META-INF/services}
 * on Java 18 and later; built only when the module is compiled with JDK 21 or later.
 */
public final class ClusterDnsResolverProvider extends InetAddressResolverProvider {
  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
        int characteristics = policy.characteristics();
        Optional<List<InetAddress>> found = HostResolution.lookup(host,
            (characteristics & LookupPolicy.IPV4) != 0,
            (characteristics & LookupPolicy.IPV6) != 0,
            (characteristics & LookupPolicy.IPV6_FIRST) != 0);
        return found.isPresent() ? found.get().stream() : builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] address) throws UnknownHostException {
        Optional<String> name = HostResolution.lookupAddress(address);
        return name.isPresent() ? name.get() : builtin.lookupByAddress(address);
      }
    };
  }

  @Override
  public String name() {
    return "clusterdns-testing";
  }
}
