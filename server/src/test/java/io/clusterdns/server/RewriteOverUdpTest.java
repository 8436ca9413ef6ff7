package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * rewrite in front of the kubernetes plugin, over real UDP: clients ask for names under
 * {@code cluster.internal}, the cluster answers for {@code cluster.local}, and the client sees
 * only the names it asked, also through dig.
 */
class RewriteOverUdpTest {
  private static ClusterDns server;

  @BeforeAll
  static void start() throws Exception {
    Path manifests = Path.of(RewriteOverUdpTest.class.getResource("rewrite-loadbalance-cluster.yaml").toURI());
    server = ClusterDns.builder()
        .corefile(".:0 {\n"
            + "  rewrite name suffix .cluster.internal. .cluster.local. answer auto\n"
            + "  kubernetes cluster.local {\n    manifests " + manifests + "\n  }\n"
            + "}\n")
        .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Message ask(String name, int type) throws IOException {
    return DnsProbe.udp(server.udpAddress(), DnsProbe.query(name, type));
  }

  private static String question(Message reply) {
    Record q = reply.getQuestion();
    return q.getName() + " " + DClass.string(q.getDClass()) + " " + Type.string(q.getType());
  }

  private static List<String> section(Message reply, int section) {
    return reply.getSection(section).stream()
        .map(r -> r.getName() + " " + r.getTTL() + " " + Type.string(r.getType()) + " " + r.rdataToString())
        .toList();
  }

  @Test
  void theClientSeesTheNameItAskedInTheQuestionAndTheAnswer() throws Exception {
    Message reply = ask("web.default.svc.cluster.internal.", Type.A);

    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertEquals("web.default.svc.cluster.internal. IN A", question(reply));
    assertEquals(List.of("web.default.svc.cluster.internal. 5 A 10.96.0.20"), section(reply, Section.ANSWER));
  }

  @Test
  void mixedCaseIsEchoedExactlyInTheAnswer() throws Exception {
    Message reply = ask("Web.Default.SVC.cluster.INTERNAL.", Type.A);

    assertEquals("Web.Default.SVC.cluster.INTERNAL. IN A", question(reply));
    assertEquals(List.of("Web.Default.SVC.cluster.INTERNAL. 5 A 10.96.0.20"), section(reply, Section.ANSWER));
  }

  @Test
  void anExternalNameChainStaysWholeUnderTheAskedSuffix() throws Exception {
    Message reply = ask("alias.default.svc.cluster.internal.", Type.A);

    List<String> answer = section(reply, Section.ANSWER);
    assertEquals("alias.default.svc.cluster.internal. 5 CNAME headless.default.svc.cluster.internal.", answer.get(0));
    assertEquals(
        List.of("headless.default.svc.cluster.internal. 5 A 10.244.0.11",
            "headless.default.svc.cluster.internal. 5 A 10.244.0.12",
            "headless.default.svc.cluster.internal. 5 A 10.244.0.13"),
        answer.subList(1, answer.size()).stream().sorted().toList());
  }

  @Test
  void aMissingNameIsNxdomainForTheAskedQuestion() throws Exception {
    Message reply = ask("nothere.default.svc.cluster.internal.", Type.A);

    assertEquals(Rcode.NXDOMAIN, reply.getRcode());
    assertEquals("nothere.default.svc.cluster.internal. IN A", question(reply));
    assertEquals(List.of("cluster.local."),
        reply.getSection(Section.AUTHORITY).stream().map(r -> r.getName().toString()).toList());
  }

  @Test
  void namesThatNeedNoRewriteAreAnsweredAsBefore() throws Exception {
    assertEquals(List.of("web.default.svc.cluster.local. 5 A 10.96.0.20"),
        section(ask("web.default.svc.cluster.local.", Type.A), Section.ANSWER));
  }

  @Test
  void digSeesTheNameItAsked() throws Exception {
    Process dig = new ProcessBuilder("dig", "@127.0.0.1", "-p", String.valueOf(server.udpAddress().getPort()),
        "+notcp", "+tries=1", "+time=5", "+noall", "+question", "+answer", "web.default.svc.cluster.internal", "A")
        .redirectErrorStream(true)
        .start();
    String out = new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    dig.waitFor(10, TimeUnit.SECONDS);

    assertEquals(
        List.of(";web.default.svc.cluster.internal. IN A", "web.default.svc.cluster.internal. 5 IN A 10.96.0.20"),
        Arrays.stream(out.split("\n")).map(String::strip).filter(l -> !l.isEmpty())
            .map(l -> l.replaceAll("\\s+", " ")).toList(),
        out);
  }
}
