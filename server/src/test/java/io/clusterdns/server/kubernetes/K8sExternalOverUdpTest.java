package io.clusterdns.server.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.k8s_external.ExternalCase;
import io.clusterdns.plugin.k8s_external.ExternalCases;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.server.ClusterDns;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * The k8s_external table of the plugins module (CoreDNS's rows and ours), asked over UDP of a
 * real server whose kubernetes plugin reads CoreDNS's fixture from YAML. Rows whose glue depends
 * on this machine's addresses run in process only.
 */
class K8sExternalOverUdpTest {
  private static ClusterDns server;

  @BeforeAll
  static void start() throws Exception {
    Path manifests =
        Path.of(K8sExternalOverUdpTest.class.getResource("external-cluster.yaml").toURI());
    String corefile =
        ".:0 {\n kubernetes cluster.local {\n  manifests " + manifests + "\n }\n "
            + ExternalCases.DIRECTIVE + "\n}\n";
    server = ClusterDns.builder().corefile(corefile).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<ExternalCase> cases() {
    return ExternalCases.all().stream().filter(c -> !c.inProcessOnly());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersAsTheTableSaysOverUdp(ExternalCase row) throws Exception {
    Message reply = Dig.ask(server.udpAddress(), row.qname(), row.qtype());
    assertAll(
        () -> assertEquals(Rcode.string(row.rcode()), Rcode.string(reply.getRcode()), "rcode"),
        () -> assertTrue(reply.getHeader().getFlag(Flags.AA), "AA"),
        () -> assertEquals(sorted(row.answer()), texts(reply, Section.ANSWER), "answer"),
        () -> assertEquals(sorted(row.authority()), texts(reply, Section.AUTHORITY), "authority"),
        // Name compression may reuse the question's spelling for additional owners.
        () -> assertEquals(lower(sorted(row.additional())), lower(texts(reply, Section.ADDITIONAL)),
            "additional"));
  }

  /** Sorted zone-file text; the SOA serial is the load time of the YAML, so it is made generic. */
  private static List<String> texts(Message reply, int section) {
    return sorted(
        Queries.sectionWithoutSerial(reply, section).stream().filter(t -> !t.contains(" OPT ")).toList());
  }

  private static List<String> sorted(List<String> records) {
    return records.stream().sorted().toList();
  }

  private static List<String> lower(List<String> records) {
    return records.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
  }
}
