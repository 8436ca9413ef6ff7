package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.explain.ExplainHandler;
import io.clusterdns.plugin.explain.ExplainQuestion;
import io.clusterdns.plugin.explain.Explanation;
import io.clusterdns.plugin.explain.Explanation.Reason;
import io.clusterdns.resolver.Resolution.Outcome;
import io.clusterdns.resolver.ResolverBehaviour;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * explain against the cluster of {@code explain-cluster.yaml}: the candidates a client's resolver
 * tries, the answer to each, and the reason for each cause the issue lists (no such Service, a
 * namespace the filter leaves out, no ready endpoints, ignore empty_service, ExternalName, a
 * rewrite, autopath for a Pod's address), from the embedded API and over HTTP.
 */
class ExplainTest {
  private static final String SHOP_POD = "10.244.0.5";
  private static ClusterDns server;

  @BeforeAll
  static void start() throws Exception {
    Path manifests = Path.of(ExplainTest.class.getResource("explain-cluster.yaml").toURI());
    server = ClusterDns.builder()
        .corefile("cluster.local {\n"
            + "  explain 127.0.0.1:0\n"
            + "  rewrite name exact shopping.shop.svc.cluster.local. cart.shop.svc.cluster.local.\n"
            + "  autopath @kubernetes\n"
            + "  kubernetes cluster.local {\n    manifests " + manifests + "\n    pods verified\n"
            + "    namespaces shop default\n    ignore empty_service\n  }\n"
            + "}\n"
            + ". {\n  template ANY ANY {\n    rcode NXDOMAIN\n  }\n}\n")
        .start();
    server.awaitReady(Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Explanation explain(String name, String namespace) throws Exception {
    return server.explain(new ExplainQuestion(name, Type.A, ResolverBehaviour.SEARCH_LIST, namespace, null, null));
  }

  private static List<String> reasons(Explanation explanation, String plugin) {
    return explanation.reasons().stream().filter(r -> r.plugin().equals(plugin)).map(Reason::text).toList();
  }

  @Test
  void aNameInAnotherNamespaceWalksTheWholeSearchListAndSaysWhereTheServiceIs() throws Exception {
    Explanation explanation = explain("web", "shop");

    assertEquals(List.of("web.shop.svc.cluster.local", "web.svc.cluster.local", "web.cluster.local", "web"),
        explanation.resolution().queriedNames());
    assertEquals(Outcome.NXDOMAIN, explanation.resolution().outcome());
    assertFalse(explanation.resolved());
    assertEquals(List.of("no Service web in namespace shop; a Service of that name is in namespace default: NXDOMAIN"),
        reasonsOf(explanation, 0, "kubernetes"));
    assertEquals(List.of("the client 127.0.0.1 is not one running Pod with a network of its own, so its search path"
        + " is not known: the query passes on as asked and the client walks its search path itself"),
        reasonsOf(explanation, 0, "autopath"));
    assertEquals(List.of("the namespace web is not served: the namespaces option lists only default, shop: NXDOMAIN"),
        reasonsOf(explanation, 1, "kubernetes"));
    assertEquals(List.of("not a name of the Kubernetes DNS schema under cluster.local. (a Service is"
        + " <service>.<namespace>.svc.cluster.local.): NXDOMAIN"), reasonsOf(explanation, 2, "kubernetes"));
    assertEquals(List.of(), explanation.steps().get(3).reasons(), "the root block's template says nothing");
  }

  private static List<String> reasonsOf(Explanation explanation, int step, String plugin) {
    return explanation.steps().get(step).reasons().stream()
        .filter(r -> r.plugin().equals(plugin)).map(Reason::text).toList();
  }

  @Test
  void aNamespaceTheFilterLeavesOutIsNamed() throws Exception {
    Explanation explanation = explain("vault.hidden", "shop");

    assertEquals("vault.hidden.svc.cluster.local", explanation.steps().get(1).exchange().name());
    assertEquals(List.of("the namespace hidden is not served: the namespaces option lists only default, shop: NXDOMAIN"),
        reasonsOf(explanation, 1, "kubernetes"));
  }

  @Test
  void aServiceWithoutReadyEndpointsUnderIgnoreEmptyServiceSaysSo() throws Exception {
    Explanation explanation = explain("checkout", "shop");

    assertEquals(List.of("Service shop/checkout has no ready endpoints, and ignore empty_service makes such a"
        + " Service not exist: NXDOMAIN"), reasonsOf(explanation, 0, "kubernetes"));
    assertFalse(explanation.resolved());
  }

  @Test
  void aHeadlessServiceWithOnlyNotReadyEndpointsSaysSo() throws Exception {
    Explanation explanation = explain("workers", "shop");

    assertEquals(List.of("the headless Service shop/workers has no ready endpoints (not-ready ones are published"
        + " only with publishNotReadyAddresses): NXDOMAIN"), reasonsOf(explanation, 0, "kubernetes"));
  }

  @Test
  void anExternalNameToAnOutsideNameSaysWhereItPoints() throws Exception {
    Explanation explanation = explain("payments", "shop");

    assertEquals(List.of("Service shop/payments is an ExternalName Service: CNAME to payments.example.org, a name"
        + " outside the cluster, which the server resolves itself (the next plugin, or another block) and adds to"
        + " the answer"), reasonsOf(explanation, 0, "kubernetes"));
    assertEquals(Type.CNAME,
        explanation.steps().get(0).reply().orElseThrow().getSection(Section.ANSWER).get(0).getType());
  }

  @Test
  void aRewrittenNameIsExplainedAsThePluginsAfterRewriteSeeIt() throws Exception {
    Explanation explanation = explain("shopping", "shop");

    assertTrue(explanation.resolved(), explanation.text());
    assertEquals(List.of("rule 1 of 1 matches: name shopping.shop.svc.cluster.local. → cart.shop.svc.cluster.local.",
        "the plugins after rewrite see cart.shop.svc.cluster.local. A; the client gets its reply to the question"
            + " it asked"), reasonsOf(explanation, 0, "rewrite"));
    assertEquals(List.of("Service shop/cart: ClusterIP 10.96.1.1; 1 ready endpoint"),
        reasonsOf(explanation, 0, "kubernetes"));
  }

  @Test
  void autopathCompletesTheSearchPathForAPodGivenByItsAddress() throws Exception {
    Explanation explanation = server.explain(new ExplainQuestion(
        "web.default", Type.A, ResolverBehaviour.SEARCH_LIST, null, InetAddress.getByName(SHOP_POD), null));

    assertEquals("the Pod at 10.244.0.5 (namespace shop)", explanation.client());
    assertEquals(List.of("web.default.shop.svc.cluster.local"), explanation.resolution().queriedNames(),
        "one round trip: the server walked the rest");
    assertTrue(explanation.resolved(), explanation.text());
    String autopath = reasonsOf(explanation, 0, "autopath").get(0);
    assertTrue(autopath.startsWith("the client's first search domain is shop.svc.cluster.local. (from its Pod's"
        + " namespace): when web.default.shop.svc.cluster.local. does not exist the server tries"
        + " web.default.svc.cluster.local., web.default.cluster.local., "), autopath);
    assertTrue(autopath.endsWith("web.default. itself and answers with a CNAME to the first that does"), autopath);

    Explanation fromNowhere = explain("web.default", "shop");
    assertEquals(List.of("web.default.shop.svc.cluster.local", "web.default.svc.cluster.local"),
        fromNowhere.resolution().queriedNames(), "the client walks itself");
    assertEquals(List.of("no Service default in namespace shop (read as the endpoint web of a Service default):"
        + " NXDOMAIN"), reasonsOf(fromNowhere, 0, "kubernetes"));
  }

  @Test
  void aPodAddressNoPodHoldsIsRefusedSayingSo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.explain(
        new ExplainQuestion("web", Type.A, ResolverBehaviour.MUSL, null, InetAddress.getByName("10.244.9.9"), null)));
    assertEquals("no running Pod holds 10.244.9.9 in the cluster view", e.getMessage());
  }

  @Test
  void theReportListsEachQueryItsAnswerAndWhy() throws Exception {
    String text = explain("cart", "shop").text();

    assertEquals("""
        cart A as looked up by glibc in a Pod in namespace shop
        search shop.svc.cluster.local svc.cluster.local cluster.local, ndots 5

        1. cart.shop.svc.cluster.local. A over udp → NOERROR
             cart.shop.svc.cluster.local. 5 IN A 10.96.1.1
             autopath: the client 127.0.0.1 is not one running Pod with a network of its own, so its search path\
         is not known: the query passes on as asked and the client walks its search path itself
             kubernetes: Service shop/cart: ClusterIP 10.96.1.1; 1 ready endpoint

        resolved after 1 query: 10.96.1.1
        """, text);
  }

  @Test
  void theHttpEndpointAnswersTheReportAndRejectsABadQuery() throws Exception {
    InetSocketAddress address = server.handlers(ExplainHandler.class).get(0).address();
    HttpClient client = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + address.getPort() + "/explain";

    HttpResponse<String> found = client.send(HttpRequest.newBuilder(URI.create(
        base + "?name=checkout&namespace=shop&resolver=musl")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, found.statusCode());
    assertEquals("false", found.headers().firstValue("X-Explain-Resolved").orElse(null));
    assertTrue(found.body().startsWith("checkout A as looked up by musl in a Pod in namespace shop\n"), found.body());
    assertTrue(found.body().contains("kubernetes: Service shop/checkout has no ready endpoints, and ignore"
        + " empty_service"), found.body());

    HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create(base + "?name=cart&resolver=uclibc"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, bad.statusCode());
    assertEquals("explain: unknown resolver 'uclibc', expected glibc, musl, go, c-ares, c-ares-search, dnsjava, bind-tools, bind-host\n", bad.body());

    HttpResponse<String> noPod = client.send(HttpRequest.newBuilder(URI.create(base + "?name=cart&pod_ip=10.244.9.9"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, noPod.statusCode());

    HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "?name=cart"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }
}
