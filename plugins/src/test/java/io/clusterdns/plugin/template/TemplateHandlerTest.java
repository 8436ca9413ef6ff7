package io.clusterdns.plugin.template;

import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static io.clusterdns.plugin.testkit.Queries.answers;
import static io.clusterdns.plugin.testkit.Queries.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class TemplateHandlerTest {
  private final FakeSetupContext context = new FakeSetupContext("example.");

  @Test
  void ipInNameTemplateAnswersFromTheNamedGroups() throws Exception {
    TemplateHandler handler =
        handler(
            """
            template IN A example {
                match "^ip-(?<a>\\d+)-(?<b>\\d+)-(?<c>\\d+)-(?<d>\\d+)[.]example[.]$"
                answer "{{ .Name }} 60 IN A {{ .Group.a }}.{{ .Group.b }}.{{ .Group.c }}.{{ .Group.d }}"
                fallthrough
            }
            """);
    RecordingChain next = RecordingChain.answering();

    Message reply = handler.serve(Queries.request("IP-10-32-0-1.Example.", Type.A), next);

    assertFalse(next.called());
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertTrue(reply.getHeader().getFlag(Flags.AA));
    assertEquals(List.of("IP-10-32-0-1.Example. 60 IN A 10.32.0.1"), answers(reply));
  }

  @Test
  void numberedGroupsMatchIndexZoneClassTypeAndRemoteAreSubstituted() throws Exception {
    TemplateHandler handler =
        handler(
            """
            template ANY ANY example {
                match "^([a-z]+)[.](example)[.]$"
                answer "{{ .Name }} 30 {{ .Class }} TXT \\"{{ .Group.1 }} {{ index .Match 2 }} {{ .Zone }} {{ .Type }} {{ .Remote }}\\""
            }
            """);
    Request request =
        Queries.request("host.example.", Type.TXT, new InetSocketAddress("192.0.2.44", 5353), Transport.UDP);

    Message reply = handler.serve(request, RecordingChain.answering());

    assertEquals(List.of("host.example. 30 IN TXT \"host example example. TXT 192.0.2.44\""), answers(reply));
  }

  @Test
  void anyQuestionTakesTheTemplateTypeForDotType() throws Exception {
    TemplateHandler handler =
        handler("template IN TXT example {\n answer \"{{ .Name }} 30 IN TXT {{ .Type }}\"\n}");

    Message reply = handler.serve(Queries.request("a.example.", Type.ANY), RecordingChain.answering());

    assertEquals(List.of("a.example. 30 IN TXT TXT"), answers(reply));
  }

  @Test
  void everySectionAndTheRcodeAreFilled() throws Exception {
    TemplateHandler handler =
        handler(
            """
            template IN A example {
                match "^blocked[.]"
                authority "example. 60 IN SOA ns.example. hostmaster.example. 1 7200 1800 86400 30"
                additional "ns.example. 60 IN A 10.0.0.53"
                rcode NXDOMAIN
            }
            """);

    Message reply = handler.serve(Queries.request("blocked.example.", Type.A), RecordingChain.answering());

    assertEquals(Rcode.NXDOMAIN, reply.getRcode());
    assertEquals(List.of(), answers(reply));
    assertEquals(
        List.of("example. 60 IN SOA ns.example. hostmaster.example. 1 7200 1800 86400 30"),
        section(reply, Section.AUTHORITY));
    assertEquals(List.of("ns.example. 60 IN A 10.0.0.53"), section(reply, Section.ADDITIONAL));
  }

  @Test
  void recordWithoutTtlGetsTheDefaultOf3600() throws Exception {
    TemplateHandler handler = handler("template IN A example {\n answer \"{{ .Name }} IN A 10.0.0.1\"\n}");

    Message reply = handler.serve(Queries.request("a.example.", Type.A), RecordingChain.answering());

    assertEquals(List.of("a.example. 3600 IN A 10.0.0.1"), answers(reply));
  }

  @Test
  void servfailTemplateAnswersBare() throws Exception {
    TemplateHandler handler = handler("template IN A example {\n rcode SERVFAIL\n}");

    Message reply = handler.serve(Queries.request("a.example.", Type.A), RecordingChain.answering());

    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    assertFalse(reply.getHeader().getFlag(Flags.AA));
  }

  @Test
  void otherZonesClassesAndTypesGoToTheNextPlugin() throws Exception {
    TemplateHandler handler = handler("template IN A example {\n answer \"{{ .Name }} 60 IN A 10.0.0.1\"\n}");
    RecordingChain next = RecordingChain.answering();
    Message chaos = Message.newQuery(Record.newRecord(Queries.name("a.example."), Type.A, DClass.CH));

    handler.serve(Queries.request("a.other.", Type.A), next);
    handler.serve(Queries.request("a.example.", Type.AAAA), next);
    handler.serve(new Request(chaos, Queries.CLIENT, Transport.UDP, ".", 0), next);

    assertEquals(3, next.calls());
  }

  @Test
  void noMatchingExpressionIsNxdomainUnlessFallthroughCoversTheName() throws Exception {
    String body = " match ^a[.]\n answer \"{{ .Name }} 60 IN A 10.0.0.1\"\n";
    RecordingChain next = RecordingChain.answering();

    Message denied = handler("template IN A example {\n" + body + "}").serve(Queries.request("b.example.", Type.A), next);
    assertEquals(Rcode.NXDOMAIN, denied.getRcode());
    assertTrue(denied.getHeader().getFlag(Flags.AA));
    assertFalse(next.called());

    handler("template IN A example {\n" + body + " fallthrough other.\n}").serve(Queries.request("b.example.", Type.A), next);
    assertFalse(next.called());

    handler("template IN A example {\n" + body + " fallthrough\n}").serve(Queries.request("b.example.", Type.A), next);
    assertTrue(next.called());
  }

  @Test
  void firstMatchingExpressionWinsAndUnmatchedNamedGroupsRenderEmpty() throws Exception {
    TemplateHandler handler =
        handler(
            """
            template IN TXT example {
                match "^(?<first>x)[.]" "^(?<second>[a-z]+)[.]"
                answer "{{ .Name }} 60 IN TXT \\"[{{ .Group.first }}][{{ .Group.second }}]\\""
            }
            """);

    assertEquals(List.of("x.example. 60 IN TXT [x][]"), answers(handler.serve(Queries.request("x.example.", Type.TXT), RecordingChain.answering())));
    assertEquals(List.of("yz.example. 60 IN TXT [][yz]"), answers(handler.serve(Queries.request("yz.example.", Type.TXT), RecordingChain.answering())));
  }

  @Test
  void recordThatDoesNotParseAtQueryTimeFailsTheQuery() throws Exception {
    TemplateHandler handler =
        handler("template IN A example {\n match ^([a-z]+)[.]\n answer \"{{ .Name }} 60 IN A {{ .Group.1 }}\"\n}");

    assertThrows(IOException.class, () -> handler.serve(Queries.request("abc.example.", Type.A), RecordingChain.answering()));
  }

  @Test
  void onlyATemplateThatRendersTheRemoteDependsOnTheClient() throws Exception {
    assertTrue(handler("template IN A example {\n answer \"{{ .Name }} 60 IN A 10.0.0.1\"\n}").deterministic());
    assertFalse(handler("template IN A example {\n answer \"{{ .Name }} 60 IN A {{ .Remote }}\"\n}").deterministic());
    assertFalse(handler("template IN A example {\n answer \"{{ .Name }} 60 IN A 10.0.0.1\"\n additional \"x.example. 60 IN A {{ .Remote }}\"\n}").deterministic());
  }

  private TemplateHandler handler(String snippet) throws Exception {
    return new TemplateHandler(TemplateSetup.parse(directive(snippet), context));
  }
}
