package io.clusterdns.testing.jvm;

import static io.clusterdns.testing.Kube.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.clusterdns.testing.ClusterDnsExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/** On Java 21+, the JVM's own look-ups go to the test server with the pod's search path. */
class HostResolverTest {
  @RegisterExtension
  final ClusterDnsExtension dns = new ClusterDnsExtension()
      .with(service("nginx-service").clusterIp("10.96.0.20"),
          service("web").namespace("shop").clusterIp("127.0.0.1"))
      .podNamespace("shop")
      .hostResolver();

  @Test
  void inetAddressResolvesAServiceInAnotherNamespaceThroughTheSearchPath() throws Exception {
    InetAddress address = InetAddress.getByName("nginx-service.default");
    assertEquals("10.96.0.20", address.getHostAddress());
    assertEquals("nginx-service.default", address.getHostName());
    dns.assertQueries().named("nginx-service.default.shop.svc.cluster.local").ofType(Type.A).hasSize(1);
    dns.assertQueries().named("nginx-service.default.svc.cluster.local").ofType(Type.A).hasSize(1);
  }

  @Test
  void anHttpClientReachesAServiceByItsShortName() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", exchange -> {
      byte[] body = "hello from web".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    http.start();
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://web:" + http.getAddress().getPort() + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("hello from web", response.body());
      dns.assertQueries().named("web.shop.svc.cluster.local").isNotEmpty();
    } finally {
      http.stop(0);
    }
  }

  @Test
  void aNameTheClusterDoesNotKnowIsAnUnknownHost() {
    UnknownHostException e = assertThrows(UnknownHostException.class, () -> InetAddress.getByName("no-such-service"));
    assertTrue(e.getMessage().contains("NXDOMAIN from the clusterdns-testing server"), e.getMessage());
  }

  @Test
  void reverseLookupsAskTheServerForPtr() throws Exception {
    InetAddress address = InetAddress.getByAddress(new byte[] {10, 96, 0, 20});
    assertEquals("nginx-service.default.svc.cluster.local", address.getCanonicalHostName());
  }

  @Test
  void localhostIsStillTheJvmsOwn() throws Exception {
    assertTrue(InetAddress.getByName("localhost").isLoopbackAddress());
    dns.assertQueries().isEmpty();
  }
}
