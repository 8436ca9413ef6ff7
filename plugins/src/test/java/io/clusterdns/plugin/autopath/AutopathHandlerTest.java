package io.clusterdns.plugin.autopath;

import static io.clusterdns.plugin.testkit.Queries.answers;
import static io.clusterdns.plugin.testkit.Queries.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Location;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.SearchPathSource;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class AutopathHandlerTest {
  private static final Token SOURCE = new Token("@kubernetes", false, new Location("Corefile", 3, 12));
  private static final InetSocketAddress ALPHA_POD = new InetSocketAddress("10.244.0.5", 41000);
  private static final InetSocketAddress BETA_POD = new InetSocketAddress("10.244.0.6", 41000);
  private static final InetSocketAddress NODE = new InetSocketAddress("10.0.0.1", 41000);
  private static final List<Name> HOST_SEARCH = List.of(Name.fromConstantString("corp.example."));

  /** The kubelet's path for a Pod of {@code namespace}; the node is no Pod. */
  private static final SearchPathSource CLUSTER = (client, qname) -> {
    if (!qname.subdomain(Name.fromConstantString("cluster.local."))) {
      return Optional.empty();
    }
    String namespace = client.equals(ALPHA_POD.getAddress()) ? "alpha"
        : client.equals(BETA_POD.getAddress()) ? "beta" : null;
    if (namespace == null) {
      return Optional.empty();
    }
    return Optional.of(List.of(
        Name.fromConstantString(namespace + ".svc.cluster.local."),
        Name.fromConstantString("svc.cluster.local."),
        Name.fromConstantString("cluster.local.")));
  };

  private final NameTableChain chain = new NameTableChain(
      Map.of(
          "web.alpha.svc.cluster.local.", "10.96.0.1",
          "api.beta.svc.cluster.local.", "10.96.0.2",
          "www.example.org.", "192.0.2.80",
          "intranet.corp.example.", "192.0.2.8"),
      Set.of("empty.example.org."));
  private final Counter successes = Counter.builder().name("autopath_test_success").build();

  private AutopathHandler kubernetesForm(List<Name> zones) throws CorefileException {
    AutopathHandler handler = new AutopathHandler(
        new AutopathOptions(zones, SOURCE, true, HOST_SEARCH), () -> Optional.of(CLUSTER), () -> false, counter());
    handler.start();
    return handler;
  }

  private AutopathHandler kubernetesForm() throws CorefileException {
    return kubernetesForm(List.of(Name.root));
  }

  /** An unregistered counter, so that each test counts from zero. */
  private CounterDataPoint counter() {
    return successes;
  }

  private static Request from(InetSocketAddress client, String qname, int type) {
    return Queries.request(qname, type, client, Transport.UDP);
  }

  @Test
  void anInClusterShortNameIsAnsweredAtTheFirstTryWithoutAlias() throws Exception {
    Message reply = kubernetesForm().serve(from(ALPHA_POD, "web.alpha.svc.cluster.local.", Type.A), chain);

    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertEquals(List.of("web.alpha.svc.cluster.local. 30 IN A 10.96.0.1"), answers(reply));
    assertEquals(List.of("web.alpha.svc.cluster.local."), chain.asked());
    assertEquals(1, (int) successes.get());
  }

  @Test
  void aCrossNamespaceNameIsAliasedToTheCandidateThatExists() throws Exception {
    Message reply = kubernetesForm().serve(from(ALPHA_POD, "api.beta.alpha.svc.cluster.local.", Type.A), chain);

    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertEquals("api.beta.alpha.svc.cluster.local.", reply.getQuestion().getName().toString());
    assertEquals(List.of(
        "api.beta.alpha.svc.cluster.local. 30 IN CNAME api.beta.svc.cluster.local.",
        "api.beta.svc.cluster.local. 30 IN A 10.96.0.2"), answers(reply));
    assertEquals(List.of("api.beta.alpha.svc.cluster.local.", "api.beta.svc.cluster.local."), chain.asked());
    assertEquals(1, (int) successes.get());
  }

  @Test
  void anExternalNameWalksTheClusterAndHostDomainsThenTheBareName() throws Exception {
    Message reply = kubernetesForm().serve(from(ALPHA_POD, "www.example.org.alpha.svc.cluster.local.", Type.A), chain);

    assertEquals(List.of(
        "www.example.org.alpha.svc.cluster.local. 30 IN CNAME www.example.org.",
        "www.example.org. 30 IN A 192.0.2.80"), answers(reply));
    assertEquals(List.of(
        "www.example.org.alpha.svc.cluster.local.",
        "www.example.org.svc.cluster.local.",
        "www.example.org.cluster.local.",
        "www.example.org.corp.example.",
        "www.example.org."), chain.asked());
  }

  @Test
  void theServersOwnSearchDomainsComeBeforeTheBareName() throws Exception {
    Message reply = kubernetesForm().serve(from(ALPHA_POD, "intranet.alpha.svc.cluster.local.", Type.A), chain);

    assertEquals(List.of(
        "intranet.alpha.svc.cluster.local. 30 IN CNAME intranet.corp.example.",
        "intranet.corp.example. 30 IN A 192.0.2.8"), answers(reply));
  }

  @Test
  void aNameFoundNowhereGetsTheLastCandidatesAnswerReachedThroughAnAlias() throws Exception {
    Message reply = kubernetesForm().serve(from(ALPHA_POD, "nothing.alpha.svc.cluster.local.", Type.A), chain);

    assertEquals(Rcode.NXDOMAIN, reply.getRcode());
    assertEquals("nothing.alpha.svc.cluster.local.", reply.getQuestion().getName().toString());
    assertEquals(List.of("nothing.alpha.svc.cluster.local. 5 IN CNAME nothing."), answers(reply));
    assertEquals(1, section(reply, Section.AUTHORITY).size());
    assertEquals(5, chain.asked().size());
    assertEquals(0, (int) successes.get());
  }

  @Test
  void noDataAtALaterCandidateEndsTheWalkWithAnAliasKeptNoLongerThanTheDenial() throws Exception {
    Message reply = kubernetesForm().serve(from(ALPHA_POD, "empty.example.org.alpha.svc.cluster.local.", Type.A), chain);

    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertEquals(List.of("empty.example.org.alpha.svc.cluster.local. 5 IN CNAME empty.example.org."), answers(reply));
    assertEquals(1, section(reply, Section.AUTHORITY).size());
  }

  @Test
  void theAliasKeepsTheClientsSpellingAndTheReplyLosesTheAdBit() throws Exception {
    Request request = from(ALPHA_POD, "API.Beta.ALPHA.svc.cluster.local.", Type.A);
    Message reply = kubernetesForm().serve(request, chain);

    assertEquals("API.Beta.ALPHA.svc.cluster.local.", reply.getQuestion().getName().toString());
    assertEquals("API.Beta.ALPHA.svc.cluster.local. 30 IN CNAME API.Beta.svc.cluster.local.", answers(reply).get(0));
    assertFalse(reply.getHeader().getFlag(Flags.AD));
    assertEquals(request.id(), reply.getHeader().getID());
  }

  @Test
  void namesNotUnderTheClientsFirstDomainPassOnUntouched() throws Exception {
    RecordingChain next = RecordingChain.answering();
    Request request = from(BETA_POD, "api.beta.alpha.svc.cluster.local.", Type.A);

    Message reply = kubernetesForm().serve(request, next);

    assertEquals(RecordingChain.NEXT_RCODE, reply.getRcode());
    assertEquals(1, next.calls());
    assertSame(request, next.lastRequest());
  }

  @Test
  void aClientThatIsNoKnownPodGetsNoCompletion() throws Exception {
    RecordingChain next = RecordingChain.answering();
    Request request = from(NODE, "api.beta.alpha.svc.cluster.local.", Type.A);

    kubernetesForm().serve(request, next);

    assertSame(request, next.lastRequest());
    assertEquals(1, next.calls());
  }

  @Test
  void namesOutsideTheZonesPassOnAndTheFirstDomainItselfIsNotCompleted() throws Exception {
    AutopathHandler handler = kubernetesForm(List.of(Name.fromConstantString("svc.cluster.local.")));
    RecordingChain next = RecordingChain.answering();

    handler.serve(from(ALPHA_POD, "x.alpha.cluster.local.", Type.A), next);
    handler.serve(from(ALPHA_POD, "alpha.svc.cluster.local.", Type.A), next);

    assertEquals(2, next.calls());
    assertEquals("alpha.svc.cluster.local.", next.lastRequest().qname().toString());
  }

  @Test
  void underKubernetesRepliesDependOnTheClientAndAreScopedByItsSearchPath() throws Exception {
    AutopathHandler handler = kubernetesForm();

    assertFalse(handler.deterministic());
    assertEquals(
        CLUSTER.searchPath(ALPHA_POD.getAddress(), Name.fromConstantString("cluster.local.")).orElseThrow(),
        handler.clientScope(from(ALPHA_POD, "api.beta.alpha.svc.cluster.local.", Type.A)));
    assertNull(handler.clientScope(from(BETA_POD, "api.beta.alpha.svc.cluster.local.", Type.A)));
    assertNull(handler.clientScope(from(NODE, "api.beta.alpha.svc.cluster.local.", Type.A)));
    assertNull(handler.clientScope(from(ALPHA_POD, "www.example.org.", Type.A)));
  }

  @Test
  void withRewriteInTheBlockEveryReplyIsScopedByTheClientsAddress() throws Exception {
    AutopathHandler handler = new AutopathHandler(
        new AutopathOptions(List.of(Name.root), SOURCE, true, HOST_SEARCH), () -> Optional.of(CLUSTER), () -> true,
        counter());
    handler.start();

    assertEquals(NODE.getAddress(), handler.clientScope(from(NODE, "www.example.org.", Type.A)));
    assertEquals(ALPHA_POD.getAddress(), handler.clientScope(from(ALPHA_POD, "www.example.org.", Type.A)));
  }

  @Test
  void aResolvConfPathIsTheSameForEveryClient() throws Exception {
    AutopathHandler handler = new AutopathHandler(
        new AutopathOptions(List.of(Name.root), new Token("search.conf", false, new Location("Corefile", 2, 12)),
            false, List.of(Name.fromConstantString("alpha.svc.cluster.local."), Name.fromConstantString("svc.cluster.local."))),
        Optional::empty, () -> false, counter());
    handler.start();

    Message fromPod = handler.serve(from(BETA_POD, "api.beta.alpha.svc.cluster.local.", Type.A), chain);
    Message fromNode = handler.serve(from(NODE, "api.beta.alpha.svc.cluster.local.", Type.A), chain);

    assertEquals(answers(fromPod), answers(fromNode));
    assertEquals("api.beta.alpha.svc.cluster.local. 30 IN CNAME api.beta.svc.cluster.local.", answers(fromNode).get(0));
    assertTrue(handler.deterministic());
    assertNull(handler.clientScope(from(NODE, "api.beta.alpha.svc.cluster.local.", Type.A)));
  }
}
