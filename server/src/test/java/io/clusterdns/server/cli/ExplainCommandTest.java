package io.clusterdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clusterdns explain} end to end in this JVM: a Corefile whose port and HTTP endpoints are
 * taken by this test (explain must leave them alone), the report on stdout, the exit status.
 */
class ExplainCommandTest {
  @TempDir
  static Path dir;

  private static Path corefile;
  private static DatagramSocket busyDns;
  private static ServerSocket busyHttp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void writeCorefile() throws Exception {
    Path manifests = Path.of(ExplainCommandTest.class.getResource("/io/clusterdns/server/explain-cluster.yaml").toURI());
    InetAddress loopback = InetAddress.getLoopbackAddress();
    // Held for the whole class: a server that binds either fails, so explain must not.
    busyDns = new DatagramSocket(new InetSocketAddress(loopback, 0));
    busyHttp = new ServerSocket(0, 1, loopback);
    String http = "127.0.0.1:" + busyHttp.getLocalPort();
    corefile = Files.writeString(dir.resolve("Corefile"), "cluster.local:" + busyDns.getLocalPort() + " {\n"
        + "  bind 127.0.0.1\n  health " + http + "\n  ready " + http + "\n  explain " + http + "\n"
        + "  autopath @kubernetes\n"
        + "  kubernetes cluster.local {\n    manifests " + manifests + "\n    pods verified\n"
        + "    ignore empty_service\n  }\n}\n");
  }

  @AfterAll
  static void release() throws Exception {
    busyDns.close();
    busyHttp.close();
  }

  private int run(String... args) {
    return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  @Test
  void aNameThatResolvesPrintsTheReportAndExitsZero() {
    assertEquals(0, run("explain", "-conf", corefile.toString(), "--namespace", "shop", "cart"), err.toString());

    String report = out.toString();
    assertTrue(report.startsWith("cart A as looked up by glibc in a Pod in namespace shop\n"), report);
    assertTrue(report.contains("1. cart.shop.svc.cluster.local. A over udp → NOERROR\n"), report);
    assertTrue(report.contains("kubernetes: Service shop/cart: ClusterIP 10.96.1.1; 1 ready endpoint\n"), report);
    assertTrue(report.endsWith("resolved after 1 query: 10.96.1.1\n"), report);
  }

  @Test
  void aNameThatDoesNotResolveExitsOneWithTheReasons() {
    assertEquals(1, run("explain", "-conf", corefile.toString(), "--namespace", "shop", "--resolver", "musl",
        "--ndots", "1", "checkout"), err.toString());

    String report = out.toString();
    assertTrue(report.contains("search shop.svc.cluster.local svc.cluster.local cluster.local, ndots 1\n"), report);
    assertTrue(report.contains("kubernetes: Service shop/checkout has no ready endpoints, and ignore empty_service"),
        report);
  }

  @Test
  void aPodAddressGivesTheNamespaceAndAutopathCompletes() {
    assertEquals(0, run("explain", "-conf", corefile.toString(), "--pod-ip", "10.244.0.5", "--type", "a",
        "web.default"), err.toString());

    String report = out.toString();
    assertTrue(report.startsWith("web.default A as looked up by glibc in the Pod at 10.244.0.5 (namespace shop)\n"),
        report);
    assertTrue(report.contains("CNAME web.default.svc.cluster.local."), report);
    assertTrue(report.contains("resolved after 1 query: 10.96.2.1"), report);
  }

  @Test
  void usageErrorsExitTwoSayingWhy() {
    assertEquals(2, run("explain", "-conf", corefile.toString()));
    assertTrue(err.toString().contains("Missing required parameter: 'NAME'"), err.toString());

    assertEquals(2, run("explain", "--resolver", "uclibc", "cart"));
    assertTrue(err.toString().contains("explain: unknown resolver 'uclibc', expected glibc, musl, go, c-ares, c-ares-search, dnsjava, bind-tools, bind-host"),
        err.toString());

    assertEquals(2, run("explain", "--type", "NOPE", "cart"));
    assertTrue(err.toString().contains("explain: unknown query type 'NOPE'"), err.toString());

    assertEquals(2, run("explain", "-conf", corefile.toString(), "--pod-ip", "10.244.9.9", "cart"));
    assertTrue(err.toString().contains("explain: no running Pod holds 10.244.9.9 in the cluster view"), err.toString());
  }

  @Test
  void withoutConfTheBuiltInExampleIsExplained() {
    assertEquals(0, run("explain", "nginx-service"), err.toString());
    assertTrue(out.toString().contains("kubernetes: Service default/nginx-service: ClusterIP 10.96.120.15; 3 ready"
        + " endpoints"), out.toString());
  }

  @Test
  void theServerFlagsStillWork() {
    assertEquals(0, run("-conf", corefile.toString(), "-validate"), err.toString());
  }
}
