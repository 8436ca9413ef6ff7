package io.clusterdns.plugin.hosts;

import io.clusterdns.plugin.Fallthrough;
import static io.clusterdns.plugin.testkit.Queries.answers;
import static io.clusterdns.plugin.testkit.Queries.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class HostsHandlerTest {
  private static final List<String> ENTRIES =
      List.of(
          "10.0.0.1 example.org www.example.org",
          "10.0.0.2 example.org # second address",
          "fd00::1 Example.ORG",
          "::ffff:10.0.0.3 mapped.example.org",
          "192.168.0.9 outside.example.com",
          "not-an-ip broken.example.org",
          "10.0.0.4");
  private static final String NEXT = "next";

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, type, fallthrough, expected rcode or NEXT, expected answers
        Arguments.of("example.org.", Type.A, Fallthrough.NEVER, "NOERROR", List.of("example.org. 60 IN A 10.0.0.1", "example.org. 60 IN A 10.0.0.2")),
        Arguments.of("EXAMPLE.org.", Type.AAAA, Fallthrough.NEVER, "NOERROR", List.of("EXAMPLE.org. 60 IN AAAA fd00:0:0:0:0:0:0:1")),
        Arguments.of("mapped.example.org.", Type.A, Fallthrough.NEVER, "NOERROR", List.of("mapped.example.org. 60 IN A 10.0.0.3")),
        Arguments.of("www.example.org.", Type.AAAA, Fallthrough.NEVER, "NOERROR", List.of()),
        Arguments.of("www.example.org.", Type.MX, Fallthrough.ALWAYS, "NOERROR", List.of()),
        Arguments.of("missing.example.org.", Type.A, Fallthrough.NEVER, "NXDOMAIN", List.of()),
        Arguments.of("broken.example.org.", Type.A, Fallthrough.NEVER, "NXDOMAIN", List.of()),
        Arguments.of("missing.example.org.", Type.A, Fallthrough.ALWAYS, NEXT, List.of()),
        Arguments.of("missing.example.org.", Type.A, new Fallthrough(List.of(Name.fromConstantString("other.org."))), "NXDOMAIN", List.of()),
        Arguments.of("outside.example.com.", Type.A, Fallthrough.NEVER, NEXT, List.of()),
        Arguments.of("1.0.0.10.in-addr.arpa.", Type.PTR, Fallthrough.NEVER, "NOERROR", List.of("1.0.0.10.in-addr.arpa. 60 IN PTR example.org.", "1.0.0.10.in-addr.arpa. 60 IN PTR www.example.org.")),
        Arguments.of("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.", Type.PTR, Fallthrough.NEVER, "NOERROR", List.of("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa. 60 IN PTR example.org.")),
        Arguments.of("9.0.168.192.in-addr.arpa.", Type.PTR, Fallthrough.NEVER, NEXT, List.of()),
        Arguments.of("99.0.0.10.in-addr.arpa.", Type.PTR, Fallthrough.NEVER, NEXT, List.of()),
        Arguments.of("0.10.in-addr.arpa.", Type.PTR, Fallthrough.NEVER, NEXT, List.of()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void answersFromTheTable(String qname, int qtype, Fallthrough fallthrough, String expected, List<String> answers) throws Exception {
    HostsHandler handler = handler(fallthrough, true);
    RecordingChain next = RecordingChain.answering();

    Message reply = handler.serve(Queries.request(qname, qtype), next);

    if (expected.equals(NEXT)) {
      assertEquals(RecordingChain.NEXT_RCODE, reply.getRcode());
      assertTrue(next.called());
      return;
    }
    assertEquals(false, next.called());
    assertEquals(expected, Rcode.string(reply.getRcode()));
    assertTrue(reply.getHeader().getFlag(Flags.AA));
    assertEquals(answers, answers(reply));
    assertEquals(List.of(), section(reply, Section.AUTHORITY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0.10.in-addr.arpa.", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa."})
  void noReverseLeavesPtrQuestionsOfListedAddressesToTheNextPlugin(String qname) throws Exception {
    RecordingChain next = RecordingChain.answering();

    Message reply = handler(Fallthrough.NEVER, false).serve(Queries.request(qname, Type.PTR), next);

    assertTrue(next.called());
    assertEquals(RecordingChain.NEXT_RCODE, reply.getRcode());
  }

  private static HostsHandler handler(Fallthrough fallthrough, boolean reverse) {
    HostsOptions options =
        new HostsOptions(
            Path.of("/nonexistent/hosts"),
            Arrays.asList(Name.fromConstantString("example.org.")),
            60,
            reverse,
            Duration.ZERO,
            fallthrough,
            ENTRIES);
    return new HostsHandler(options, HostsHandlerTest::noScheduler);
  }

  private static ScheduledExecutorService noScheduler() {
    throw new AssertionError("reload 0s never schedules");
  }
}
