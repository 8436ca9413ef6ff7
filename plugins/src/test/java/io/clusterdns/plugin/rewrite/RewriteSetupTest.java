package io.clusterdns.plugin.rewrite;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static io.clusterdns.plugin.testkit.CorefileSnippets.oneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewriteSetupTest {
  @Test
  void isRegisteredUnderItsDirectiveNameAndRepeatable() {
    var setup = PluginRegistry.load().find("rewrite").orElseThrow();
    assertEquals(RewriteSetup.class, setup.getClass());
    assertEquals(true, setup.repeatable());
  }

  @Test
  void everyLineOfABlockMakesOneHandler() throws CorefileException {
    List<Handler> handlers = new RewriteSetup().setupAll(
        List.of(directive("rewrite name a.test b.test"), directive("rewrite type AAAA A")),
        new FakeSetupContext("."));

    assertEquals(1, handlers.size());
  }

  /** Each valid form, and the rules it reads as: kind, stop or continue, and details. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "rewrite name a.test b.test => NameRule stop Exact[from=a.test., to=b.test.] auto=false answers=0",
        "rewrite continue name exact A.Test. b.test => NameRule continue Exact[from=a.test., to=b.test.] auto=false answers=0",
        "rewrite stop name prefix www. web. => NameRule stop Prefix[from=www., to=web.] auto=false answers=0",
        "rewrite name suffix .cluster.internal .cluster.local answer auto => NameRule stop Suffix[from=.cluster.internal., to=.cluster.local.] auto=true answers=0",
        "rewrite name substring Us-West other => NameRule stop Substring[from=us-west, to=other] auto=false answers=0",
        "rewrite name regex (.*)\\.a\\.test {1}.b.test answer name (.*)\\.b\\.test {1}.a.test value x y => NameRule stop Regex auto=false answers=2",
        "rewrite name regex (.*)\\.a\\.test {1}.b.test answer auto answer value x y => NameRule stop Regex auto=true answers=1",
        "rewrite type ANY HINFO => TypeRule[stop=true, from=255, to=13]",
        "rewrite continue class IN CH => ClassRule[stop=false, from=1, to=3]",
        "rewrite ttl a.test 15 => TtlRule stop Exact[from=a.test., to=a.test.] 15-15",
        "rewrite continue ttl regex (.*)\\.rocks 30-60 => TtlRule continue Regex 30-60",
        "rewrite ttl suffix .rocks 0 => TtlRule stop Suffix[from=.rocks., to=.rocks.] 0-0",
        "rewrite edns0 local set 0xffee 0x61626364 => EdnsRule stop SET 65518 [abcd]",
        "rewrite edns0 local append 65000 abcd => EdnsRule stop APPEND 65000 [abcd]",
        "rewrite continue edns0 local replace 0xffee {client_ip} => EdnsRule continue REPLACE 65518 CLIENT_IP",
        "rewrite edns0 nsid set => EdnsRule stop SET 3 []",
        "rewrite continue edns0 subnet append 24 56 => EdnsRule continue APPEND 8 ClientSubnet[v4=24, v6=56]",
        "rewrite continue {\\n name suffix .a .b answer auto\\n type A AAAA\\n} => NameRule continue Suffix[from=.a., to=.b.] auto=true answers=0; TypeRule[stop=false, from=1, to=28]",
        "rewrite {\\n name regex (.*)\\.a {1}.b\\n answer name (.*)\\.b {1}.a\\n answer value (.*)\\.b {1}.a\\n} => NameRule stop Regex auto=false answers=2",
      })
  void readsEveryValidForm(String snippet, String expected) throws CorefileException {
    RewriteOptions options = RewriteSetup.parse(List.of(oneLine(snippet)));

    assertEquals(expected, String.join("; ", options.rules().stream().map(RewriteSetupTest::describe).toList()));
  }

  private static String describe(Rule rule) {
    String mode = rule.stop() ? "stop" : "continue";
    if (rule instanceof NameRule n) {
      return "NameRule " + mode + " " + match(n.match()) + " auto=" + n.auto() + " answers=" + n.answers().size();
    } else if (rule instanceof TtlRule t) {
      return "TtlRule " + mode + " " + match(t.match()) + " " + t.min() + "-" + t.max();
    } else if (rule instanceof EdnsRule e) {
      String data = e.value() instanceof LocalData.Fixed f
          ? "[" + new String(f.value(), java.nio.charset.StandardCharsets.UTF_8) + "]"
          : e.value().toString();
      return "EdnsRule " + mode + " " + e.action() + " " + e.code() + " " + data;
    }
    return rule.toString();
  }

  private static String match(NameMatch match) {
    return match instanceof NameMatch.Regex ? "Regex" : match.toString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "rewrite => Corefile:1:1: rewrite: missing rule, expected rewrite [continue|stop] FIELD [TYPE] FROM TO [OPTIONS], or a block of rules",
        "rewrite continue => Corefile:1:9: rewrite: missing rule, expected rewrite [continue|stop] FIELD [TYPE] FROM TO [OPTIONS], or a block of rules",
        "rewrite host a b => Corefile:1:9: rewrite: unknown field 'host', expected name, type, class, ttl or edns0",
        "rewrite cname a b => Corefile:1:9: rewrite: field 'cname' is not supported, expected name, type, class, ttl or edns0",
        "rewrite name a.test => Corefile:1:14: rewrite: missing TO name after 'a.test'",
        "rewrite name fuzzy a b => Corefile:1:14: rewrite: unknown name match type 'fuzzy', expected exact, prefix, suffix, substring or regex",
        "rewrite name a b answer auto => Corefile:1:14: rewrite: unknown name match type 'a', expected exact, prefix, suffix, substring or regex",
        "rewrite name exact a..b c => Corefile:1:20: rewrite: invalid name 'a..b': 'a..b.': invalid empty label",
        "rewrite name regex (.*)\\.a {2}.b => Corefile:1:28: rewrite: '{2}.b' uses group {2} but '(.*)\\.a' has only 1 groups",
        "rewrite name regex (.*\\.a {1}.b => Corefile:1:20: rewrite: invalid regular expression '(.*\\.a': Unclosed group",
        "rewrite name suffix .a .b auto => Corefile:1:27: rewrite: unexpected 'auto' after a name rule, expected answer auto, answer name FROM TO or answer value FROM TO",
        "rewrite name suffix .a .b answer => Corefile:1:27: rewrite: missing auto, name FROM TO or value FROM TO after answer after 'answer'",
        "rewrite name suffix .a .b answer guess => Corefile:1:34: rewrite: unknown answer option 'guess', expected auto, name FROM TO or value FROM TO",
        "rewrite name suffix .a .b answer name x => Corefile:1:39: rewrite: missing answer name TO after 'x'",
        "rewrite name suffix .a => Corefile:1:21: rewrite: missing TO name after '.a'",
        "rewrite ttl regex x => Corefile:1:19: rewrite: missing SECONDS or MIN-MAX after 'x'",
        "rewrite type A => Corefile:1:14: rewrite: missing TO type after 'A'",
        "rewrite type A BOGUS => Corefile:1:16: rewrite: invalid type 'BOGUS', expected A, AAAA, SRV, ANY, ...",
        "rewrite type A AAAA answer auto => Corefile:1:21: rewrite: unexpected 'answer' after a complete type rule; answer options belong to name rules",
        "rewrite class CH IN => Corefile:1:15: rewrite: queries of class CH never reach the plugins (the server refuses every class but IN), so FROM must be IN",
        "rewrite class IN XX => Corefile:1:18: rewrite: invalid class 'XX', expected IN, CH or HS",
        "rewrite ttl a.test soon => Corefile:1:20: rewrite: ttl must be SECONDS or MIN-MAX, each 0 to 2147483647, got 'soon'",
        "rewrite ttl a.test 60-30 => Corefile:1:20: rewrite: ttl range '60-30' has its minimum above its maximum",
        "rewrite ttl a.test -5 => Corefile:1:20: rewrite: ttl must be SECONDS or MIN-MAX, each 0 to 2147483647, got '-5'",
        "rewrite edns0 cookie set => Corefile:1:15: rewrite: unknown edns0 option type 'cookie', expected local, nsid or subnet",
        "rewrite edns0 subnet set 33 56 => Corefile:1:26: rewrite: edns0 subnet IPv4 prefix length must be between 0 and 32, got '33'",
        "rewrite edns0 subnet set 24 => Corefile:1:26: rewrite: missing IPv6 prefix length after '24'",
        "rewrite edns0 nsid set extra => Corefile:1:24: rewrite: unexpected 'extra' after a complete edns0 rule; answer options belong to name rules",
        "rewrite edns0 local add 0xffee x => Corefile:1:21: rewrite: unknown edns0 action 'add', expected set, append or replace",
        "rewrite edns0 local set 0x1ffff x => Corefile:1:25: rewrite: edns0 option code must be 0 to 65535 (decimal or 0x hex), got '0x1ffff'",
        "rewrite edns0 local set 0xffee 0xabc => Corefile:1:32: rewrite: edns0 data '0xabc' is not an even number of hex digits after 0x",
        "rewrite edns0 local set 0xffee {server_ip} => Corefile:1:32: rewrite: edns0 variable '{server_ip}' is not supported, expected {qname}, {qtype}, {client_ip}, {client_port} or {protocol}",
        "rewrite edns0 local set 0xffee => Corefile:1:25: rewrite: missing DATA after '0xffee'",
        "rewrite name a b {\\n type A AAAA\\n} => Corefile:1:9: rewrite: a rule on the rewrite line cannot have a block; put every rule in the block",
        "rewrite {\\n} => Corefile:1:1: rewrite: empty block, expected rules such as name suffix FROM TO",
        "rewrite {\\n answer auto\\n} => Corefile:2:2: rewrite: answer must follow a name rule",
        "rewrite {\\n type A AAAA\\n answer auto\\n} => Corefile:3:2: rewrite: unexpected 'answer' after a complete type rule; answer options belong to name rules",
        "rewrite {\\n name a b {\\n }\\n} => Corefile:2:2: plugin name takes no block",
      })
  void rejectsBadRulesNamingTheToken(String snippet, String expected) {
    assertRejected(snippet, expected, d -> RewriteSetup.parse(List.of(d)));
  }
}
