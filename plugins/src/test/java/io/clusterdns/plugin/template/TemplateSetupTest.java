package io.clusterdns.plugin.template;

import io.clusterdns.plugin.Fallthrough;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class TemplateSetupTest {
  @org.junit.jupiter.api.Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(
        TemplateSetup.class,
        io.clusterdns.plugin.PluginRegistry.load().find("template").map(Object::getClass).orElse(null));
  }

  private final FakeSetupContext context = new FakeSetupContext("example.org.", "example.net.");

  @Test
  void minimalTemplateTakesTheBlockZonesAndMatchesEverything() throws CorefileException {
    TemplateOptions options =
        TemplateSetup.parse(directive("template IN A {\n answer \"{{ .Name }} 60 IN A 10.0.0.1\"\n}"), context);

    assertEquals(DClass.IN, options.qclass());
    assertEquals(Type.A, options.qtype());
    assertEquals(List.of(Name.fromConstantString("example.org."), Name.fromConstantString("example.net.")), options.zones());
    assertEquals(List.of(".*"), options.matches().stream().map(Pattern::pattern).toList());
    assertEquals(List.of("{{ .Name }} 60 IN A 10.0.0.1"), options.answer().stream().map(Object::toString).toList());
    assertEquals(Rcode.NOERROR, options.rcode());
    assertEquals(Fallthrough.NEVER, options.fallthrough());
  }

  @Test
  void everyPropertyIsRead() throws CorefileException {
    TemplateOptions options =
        TemplateSetup.parse(
            directive(
                """
                template ANY ANY Example.COM example.net {
                    match "^(?<host>[a-z]+)[.]example[.]com[.]$" "^ip-(\\d+)[.]"
                    answer "{{ .Name }} 60 IN CNAME {{ .Group.host }}.example.net."
                    authority "example.com. 60 IN NS ns.example.com."
                    additional "ns.example.com. 60 IN A 10.0.0.53" "ns.example.com. 60 IN AAAA fd00::53"
                    rcode nxdomain
                    fallthrough example.com
                }
                """),
            context);

    assertEquals(DClass.ANY, options.qclass());
    assertEquals(Type.ANY, options.qtype());
    assertEquals(List.of(Name.fromConstantString("example.com."), Name.fromConstantString("example.net.")), options.zones());
    assertEquals(List.of("^(?<host>[a-z]+)[.]example[.]com[.]$", "^ip-(\\d+)[.]"), options.matches().stream().map(Pattern::pattern).toList());
    assertEquals(1, options.answer().size());
    assertEquals(1, options.authority().size());
    assertEquals(2, options.additional().size());
    assertEquals(Rcode.NXDOMAIN, options.rcode());
    assertEquals(new Fallthrough(List.of(Name.fromConstantString("example.com."))), options.fallthrough());
  }

  @Test
  void rcodeAloneIsEnough() throws CorefileException {
    assertEquals(Rcode.NXDOMAIN, TemplateSetup.parse(directive("template IN ANY {\n rcode NXDOMAIN\n}"), context).rcode());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "template IN => Corefile:1:1: template: missing argument, expected template CLASS TYPE [ZONE...]",
        "template INX A {\\n rcode NXDOMAIN\\n} => Corefile:1:10: template: invalid query class 'INX', expected IN, CH, ANY, ...",
        "template IN AX {\\n rcode NXDOMAIN\\n} => Corefile:1:13: template: invalid query type 'AX', expected A, AAAA, ANY, ...",
        "template IN A bad..zone {\\n rcode NXDOMAIN\\n} => Corefile:1:15: template: invalid zone 'bad..zone': invalid empty label",
        "template IN A => Corefile:1:1: template: no answer or authority records and rcode NOERROR: the template would answer nothing",
        "template IN A {\\n rcode NOPE\\n} => Corefile:2:8: template: unknown rcode 'NOPE', expected NOERROR, NXDOMAIN, SERVFAIL, ...",
        "template IN A {\\n rcode 3\\n} => Corefile:2:8: template: unknown rcode '3', expected NOERROR, NXDOMAIN, SERVFAIL, ...",
        "template IN A {\\n rcode\\n} => Corefile:2:2: rcode: missing argument, expected rcode CODE",
        "template IN A {\\n answr x\\n} => Corefile:2:2: template: unknown property 'answr'; did you mean 'answer'?",
        "template IN A {\\n match\\n} => Corefile:2:2: match: missing argument, expected match REGEX...",
        "template IN A {\\n match (x\\n rcode NXDOMAIN\\n} => Corefile:2:8: template: invalid regular expression '(x': Unclosed group",
        "template IN A {\\n answer\\n} => Corefile:2:2: answer: missing argument, expected answer RR...",
        "template IN A {\\n answer `{{ .Name }} 60 IN A 10.0.0.300`\\n} => Corefile:2:9: template: '{{ .Name }} 60 IN A 10.0.0.300' is not a valid record: Invalid address: 10.0.0.300",
        "template IN A {\\n answer `{{ .Name }} 60 IN A {{ .Message }}`\\n} => Corefile:2:9: template: unsupported action '{{ .Message }}', expected .Name, .Zone, .Class, .Type, .Remote, .Group.N, .Group.NAME or index .Match N",
        "template IN A {\\n answer `{{ .Name 60 IN A 10.0.0.1`\\n} => Corefile:2:9: template: unclosed '{{' in '{{ .Name 60 IN A 10.0.0.1'",
        "template IN A {\\n match ^(a)$\\n answer `{{ .Group.2 }}. 60 IN A 10.0.0.1`\\n} => Corefile:3:9: template: no match expression defines group '2'",
        "template IN A {\\n match ^(?<host>a)$\\n answer `{{ .Group.hots }}. 60 IN A 10.0.0.1`\\n} => Corefile:3:9: template: no match expression defines group 'hots'",
        "template IN A {\\n answer `$INCLUDE /etc/passwd`\\n} => Corefile:2:9: template: '$INCLUDE /etc/passwd' is not a valid record: '$INCLUDE /etc/passwd' is not a single record",
        "template IN A {\\n fallthrough bad..zone\\n rcode NXDOMAIN\\n} => Corefile:2:14: template: invalid fallthrough zone 'bad..zone': invalid empty label",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    String corefile = snippet.replace("\\n", "\n").replace('`', '"');
    CorefileException e = assertThrows(CorefileException.class, () -> TemplateSetup.parse(directive(corefile), context));
    assertEquals(message, e.getMessage());
  }
}
