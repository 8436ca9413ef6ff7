package io.clusterdns.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every name of the built-in example cluster, asked with dig of the jar run with no arguments. */
class ExampleClusterDigIT {
  @TempDir static Path dir;
  private static JarProcess server;

  @BeforeAll
  static void start() throws Exception {
    assertTrue(JarProcess.onPath("dig"), "dig is needed: apt-get install bind9-dnsutils");
    server = JarProcess.start(dir, "kube-dns.kube-system.svc.cluster.local.");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** dig +short, its lines sorted and joined with "|" so that record order does not matter. */
  private static String digShort(String... args) throws Exception {
    String[] command = Stream.concat(Stream.of("+short", "+tries=1"), Arrays.stream(args)).toArray(String[]::new);
    return Arrays.stream(DigCommand.at(server.port, command).strip().split("\n"))
        .map(String::strip).filter(s -> !s.isEmpty()).sorted().collect(Collectors.joining("|"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = ';', value = {
    "nginx-service.default.svc.cluster.local; A; 10.96.120.15",
    "NGINX-Service.Default.SVC.Cluster.Local; A; 10.96.120.15",
    "nginx-headless-service.default.svc.cluster.local; A; 10.244.3.46|10.244.3.47|10.244.3.48",
    "_http._tcp.nginx-service.default.svc.cluster.local; SRV; 0 100 80 nginx-service.default.svc.cluster.local.",
    "web-0.web.default.svc.cluster.local; A; 10.244.1.10",
    "_web._tcp.web.default.svc.cluster.local; SRV; 0 50 80 web-0.web.default.svc.cluster.local.|0 50 80 web-1.web.default.svc.cluster.local.",
    "my-database.default.svc.cluster.local; CNAME; db.example.com.",
    "external-backend.default.svc.cluster.local; A; 10.96.200.20",
    "kubernetes.default.svc.cluster.local; A; 10.96.0.1",
    "kube-dns.kube-system.svc.cluster.local; A; 10.96.0.10",
    "_dns._udp.kube-dns.kube-system.svc.cluster.local; SRV; 0 100 53 kube-dns.kube-system.svc.cluster.local.",
    "app2-svc.shop.svc.cluster.local; A; 10.96.99.99",
    "10-244-3-46.default.pod.cluster.local; A; 10.244.3.46",
    "dns-version.cluster.local; TXT; \"1.1.0\"",
    "numbers-web.default.svc.cluster.local; A; 10.96.107.57",
    "numbers-web.default.test; A; 192.168.49.200",
    "hello-john.test; A; 192.168.49.2",
    "hello-jane.test; A; 192.168.49.2",
    "app.test; A; 192.168.49.2",
  })
  void positiveAnswers(String name, String type, String expected) throws Exception {
    assertEquals(expected, digShort(name, type));
  }

  @ParameterizedTest(name = "-x {0}")
  @CsvSource(delimiter = ';', value = {
    "10.96.0.10; kube-dns.kube-system.svc.cluster.local.",
    "10.96.120.15; nginx-service.default.svc.cluster.local.",
    "10.244.1.10; web-0.web.default.svc.cluster.local.",
  })
  void reverseAnswers(String address, String expected) throws Exception {
    assertEquals(expected, digShort("-x", address));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = ';', value = {
    "no-such-service.default.svc.cluster.local; A; NXDOMAIN",
    "nginx-service.no-such-namespace.svc.cluster.local; A; NXDOMAIN",
    "nginx-service.default.svc.cluster.local; AAAA; NOERROR",
    "default.svc.cluster.local; A; NOERROR",
    "cluster.local; SOA; NOERROR",
    "hello-nobody.test; A; NXDOMAIN",
    "hello-john.test; AAAA; NOERROR",
    "example.com; A; REFUSED",
  })
  void outcomes(String name, String type, String status) throws Exception {
    String output = DigCommand.at(server.port, "+tries=1", name, type);
    assertTrue(output.contains("status: " + status), output);
  }
}
