package io.clusterdns.plugin.rewrite;

import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class RewriteHandlerTest {
  private static RewriteHandler handler(String... lines) throws CorefileException {
    List<Directive> directives = new ArrayList<>();
    for (String line : lines) {
      directives.add(directive(line));
    }
    return new RewriteHandler(RewriteSetup.parse(directives));
  }

  /** The question of the reply, which must be the client's own, and the records of a section. */
  private static String question(Message reply) {
    Record q = reply.getQuestion();
    return q.getName() + " " + DClass.string(q.getDClass()) + " " + Type.string(q.getType());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "rewrite name exact a.example.org b.example.org | A.Example.Org. | b.example.org.",
        "rewrite name exact a.example.org b.example.org answer auto | a.example.org. | b.example.org.",
        "rewrite name prefix www. web. answer auto | www.example.org. | web.example.org.",
        "rewrite name suffix .cluster.internal .cluster.local answer auto | web.default.svc.Cluster.Internal. | web.default.svc.cluster.local.",
        "rewrite name substring us-west other answer auto | ftp.us-west.example.org. | ftp.other.example.org.",
        "rewrite name regex (.*)-(us-west-1)\\.example\\.org {1}.service.{2}.consul answer auto | ftp-us-west-1.example.org. | ftp.service.us-west-1.consul.",
      })
  void everyNameRuleWithAnswerAutoShowsTheClientTheNameItAsked(String rule, String asked, String rewritten)
      throws Exception {
    FakeZone zone = new FakeZone(rewritten + " 30 IN A 10.0.0.1", rewritten + " 30 IN A 10.0.0.2");
    Request request = Queries.request(asked, Type.A);

    Message reply = handler(rule).serve(request, zone);

    assertEquals(rewritten, zone.last().qname().toString(), "name the next plugin was asked");
    assertEquals(asked + " IN A", question(reply));
    assertEquals(List.of(asked + " 30 IN A 10.0.0.1", asked + " 30 IN A 10.0.0.2"), Queries.answers(reply));
    // Spelled exactly as the client did (0x20), not as the rule lower-cased it.
    assertEquals(asked, reply.getSection(Section.ANSWER).get(0).getName().toString());
  }

  @Test
  void withoutAnswerOptionsASuffixRuleLeavesAnswerNamesAsTheNextPluginWroteThem() throws Exception {
    FakeZone zone = new FakeZone("web.cluster.local. 30 IN A 10.0.0.1");

    Message reply = handler("rewrite name suffix .cluster.internal. .cluster.local.")
        .serve(Queries.request("web.cluster.internal.", Type.A), zone);

    assertEquals("web.cluster.internal. IN A", question(reply));
    assertEquals(List.of("web.cluster.local. 30 IN A 10.0.0.1"), Queries.answers(reply));
  }

  @Test
  void answerAutoTurnsBackEveryNameOfACnameChain() throws Exception {
    FakeZone zone = new FakeZone(
        "alias.default.svc.cluster.local. 5 IN CNAME web.default.svc.cluster.local.",
        "web.default.svc.cluster.local. 5 IN A 10.0.0.1");

    Message reply = handler("rewrite name suffix .cluster.internal .cluster.local answer auto")
        .serve(Queries.request("alias.default.svc.cluster.internal.", Type.A), zone);

    assertEquals(
        List.of(
            "alias.default.svc.cluster.internal. 5 IN CNAME web.default.svc.cluster.internal.",
            "web.default.svc.cluster.internal. 5 IN A 10.0.0.1"),
        Queries.answers(reply));
  }

  @Test
  void negativeRepliesGetTheQuestionBackAndKeepTheirAuthority() throws Exception {
    FakeZone zone = new FakeZone("other.example. 30 IN A 10.0.0.1");

    Message reply = handler("rewrite name suffix .cluster.internal .example answer auto")
        .serve(Queries.request("nothere.cluster.internal.", Type.A), zone);

    assertEquals(Rcode.NXDOMAIN, reply.getRcode());
    assertEquals("nothere.cluster.internal. IN A", question(reply));
    assertEquals(List.of("example. 60 IN SOA ns.example. hostmaster.example. 1 7200 1800 86400 5"),
        Queries.section(reply, Section.AUTHORITY));
  }

  @Test
  void answerNameAndAnswerValueRewriteOwnersAndDataWithRegexGroups() throws Exception {
    FakeZone zone = new FakeZone(
        "ftp.service.us-west-1.consul. 30 IN SRV 0 0 21 ftp.service.us-west-1.consul.",
        "ftp.service.us-west-1.consul. 30 IN A 10.10.10.10");
    RewriteHandler handler = new RewriteHandler(RewriteSetup.parse(List.of(directive(
        """
        rewrite stop {
            name regex (.*)-(us-west-1)\\.coredns\\.rocks {1}.service.{2}.consul
            answer name (.*)\\.service\\.(us-west-1)\\.consul {1}-{2}.coredns.rocks
            answer value (.*)\\.service\\.(us-west-1)\\.consul {1}-{2}.coredns.rocks
        }
        """))));

    Message reply = handler.serve(Queries.request("ftp-us-west-1.coredns.rocks.", Type.SRV), zone);

    assertEquals("ftp.service.us-west-1.consul.", zone.last().qname().toString());
    assertEquals(List.of("ftp-us-west-1.coredns.rocks. 30 IN SRV 0 0 21 ftp-us-west-1.coredns.rocks."),
        Queries.answers(reply));
  }

  @Test
  void regexGroupsBuildTheNewName() throws Exception {
    FakeZone zone = new FakeZone("db.prod.svc.cluster.local. 30 IN A 10.0.0.9");

    handler("rewrite name regex ^(\\w+)\\.(\\w+)\\.example\\.com\\.$ {1}.{2}.svc.cluster.local")
        .serve(Queries.request("db.prod.example.com.", Type.A), zone);

    assertEquals("db.prod.svc.cluster.local.", zone.last().qname().toString());
  }

  @Test
  void stopEndsTheRulesAfterAMatchAndContinueGoesOn() throws Exception {
    FakeZone stopped = new FakeZone("b.test. 30 IN A 10.0.0.2");
    Message reply = handler("rewrite stop name a.test. b.test.", "rewrite name b.test. c.test.")
        .serve(Queries.request("a.test.", Type.A), stopped);
    assertEquals("b.test.", stopped.last().qname().toString());
    assertEquals(List.of("a.test. 30 IN A 10.0.0.2"), Queries.answers(reply));

    FakeZone continued = new FakeZone("c.test. 30 IN A 10.0.0.3");
    reply = handler("rewrite continue name a.test. b.test.", "rewrite name b.test. c.test.")
        .serve(Queries.request("a.test.", Type.A), continued);
    assertEquals("c.test.", continued.last().qname().toString());
    // Both exact rules turn their answers back, the last one first: c → b → a.
    assertEquals(List.of("a.test. 30 IN A 10.0.0.3"), Queries.answers(reply));
  }

  @Test
  void stopIsTheDefaultAndOnlyAMatchingRuleStops() throws Exception {
    FakeZone zone = new FakeZone("b.test. 30 IN A 10.0.0.2", "c.test. 30 IN A 10.0.0.3");
    handler("rewrite name a.test. b.test.", "rewrite name b.test. c.test.").serve(Queries.request("a.test.", Type.A), zone);
    assertEquals("b.test.", zone.last().qname().toString());

    handler("rewrite name x.test. y.test.", "rewrite name b.test. c.test.").serve(Queries.request("b.test.", Type.A), zone);
    assertEquals("c.test.", zone.last().qname().toString());
  }

  @Test
  void rulesInOneBlockAreTriedInOrder() throws Exception {
    FakeZone zone = new FakeZone("c.test. 30 IN AAAA ::1");
    RewriteHandler handler = new RewriteHandler(RewriteSetup.parse(List.of(directive(
        "rewrite continue {\n name a.test. b.test.\n name b.test. c.test.\n type A AAAA\n}"))));

    Message reply = handler.serve(Queries.request("a.test.", Type.A), zone);

    assertEquals("c.test. IN AAAA", question(zone.last().query()));
    assertEquals("a.test. IN A", question(reply));
  }

  @Test
  void typeRuleAsksTheNextPluginForTheOtherTypeAndTheClientSeesItsQuestion() throws Exception {
    FakeZone zone = new FakeZone("web.test. 30 IN A 10.0.0.1");

    Message reply = handler("rewrite type AAAA A").serve(Queries.request("web.test.", Type.AAAA), zone);

    assertEquals(Type.A, zone.last().qtype());
    assertEquals("web.test. IN AAAA", question(reply));
    assertEquals(List.of("web.test. 30 IN A 10.0.0.1"), Queries.answers(reply));
  }

  @Test
  void classRuleAsksTheNextPluginInTheOtherClass() throws Exception {
    RecordingChain next = RecordingChain.answering();

    Message reply = handler("rewrite class IN CH").serve(Queries.request("version.bind.", Type.TXT), next);

    assertEquals(DClass.CH, next.lastRequest().qclass());
    assertEquals("version.bind. IN TXT", question(reply));
  }

  @Test
  void ttlRuleSetsTheAnswerTtlsOfMatchingNames() throws Exception {
    FakeZone zone = new FakeZone("web.example.org. 0 IN A 10.0.0.1", "web.example.org. 300 IN A 10.0.0.2");

    Message reply = handler("rewrite ttl suffix .example.org. 15").serve(Queries.request("web.example.org.", Type.A), zone);

    assertEquals(List.of("web.example.org. 15 IN A 10.0.0.1", "web.example.org. 15 IN A 10.0.0.2"),
        Queries.answers(reply));
    assertEquals("web.example.org.", zone.last().qname().toString());
  }

  @Test
  void ttlRangeBringsTtlsIntoItAndLeavesOtherNamesAlone() throws Exception {
    FakeZone zone = new FakeZone(
        "a.coredns.rocks. 10 IN A 10.0.0.1", "a.coredns.rocks. 45 IN A 10.0.0.2", "a.coredns.rocks. 300 IN A 10.0.0.3",
        "b.example.org. 10 IN A 10.0.0.4");
    RewriteHandler handler = handler("rewrite continue ttl regex (.*)\\.coredns\\.rocks 30-60");

    assertEquals(
        List.of("a.coredns.rocks. 30 IN A 10.0.0.1", "a.coredns.rocks. 45 IN A 10.0.0.2", "a.coredns.rocks. 60 IN A 10.0.0.3"),
        Queries.answers(handler.serve(Queries.request("a.coredns.rocks.", Type.A), zone)));
    assertEquals(List.of("b.example.org. 10 IN A 10.0.0.4"),
        Queries.answers(handler.serve(Queries.request("b.example.org.", Type.A), zone)));
  }

  @Test
  void edns0LocalSetIsSeenByTheNextPlugin() throws Exception {
    RecordingChain next = RecordingChain.answering();

    Message reply = handler("rewrite edns0 local set 0xffee 0x61626364").serve(Queries.request("a.test.", Type.A), next);

    OPTRecord opt = next.lastRequest().query().getOPT();
    assertEquals(List.of("abcd"), localOptions(opt, 0xffee));
    assertEquals(RecordingChain.NEXT_RCODE, reply.getRcode());
    assertEquals("a.test. IN A", question(reply));
  }

  @Test
  void edns0LocalActionsKeepTheClientsOtherOptionsAndItsPayloadSize() throws Exception {
    Request withOption = withOptions(Queries.request("a.test.", Type.A),
        new GenericEDNSOption(0xffee, "old".getBytes(StandardCharsets.US_ASCII)),
        new GenericEDNSOption(0xfff0, "keep".getBytes(StandardCharsets.US_ASCII)));

    RecordingChain appended = RecordingChain.answering();
    handler("rewrite edns0 local append 0xffee new").serve(withOption, appended);
    assertSame(withOption, appended.lastRequest(), "append does not touch an option that is there");

    RecordingChain replaced = RecordingChain.answering();
    handler("rewrite edns0 local replace 65518 new").serve(withOption, replaced);
    OPTRecord opt = replaced.lastRequest().query().getOPT();
    assertEquals(List.of("new"), localOptions(opt, 0xffee));
    assertEquals(List.of("keep"), localOptions(opt, 0xfff0));
    assertEquals(4000, opt.getPayloadSize());

    Request without = Queries.request("a.test.", Type.A);
    RecordingChain notThere = RecordingChain.answering();
    handler("rewrite edns0 local replace 0xffee new").serve(without, notThere);
    assertSame(without, notThere.lastRequest(), "replace adds nothing");
  }

  @Test
  void edns0LocalVariablesAreFilledInPerQuery() throws Exception {
    RecordingChain next = RecordingChain.answering();
    RewriteHandler handler = handler(
        "rewrite continue edns0 local set 0xffe1 {client_ip}",
        "rewrite continue edns0 local set 0xffe2 {client_port}",
        "rewrite continue edns0 local set 0xffe3 {qname}",
        "rewrite continue edns0 local set 0xffe4 {qtype}",
        "rewrite edns0 local set 0xffe5 {protocol}");

    handler.serve(Queries.request("Web.Test.", Type.AAAA), next);

    OPTRecord opt = next.lastRequest().query().getOPT();
    assertArrayEquals(new byte[] {10, 1, 2, 3}, data(opt, 0xffe1));
    assertArrayEquals(new byte[] {(byte) (40212 >>> 8), (byte) 40212}, data(opt, 0xffe2));
    assertEquals(List.of("web.test."), localOptions(opt, 0xffe3));
    assertEquals(List.of("AAAA"), localOptions(opt, 0xffe4));
    assertEquals(List.of("udp"), localOptions(opt, 0xffe5));
    assertFalse(handler.deterministic(), "the client's address makes the reply depend on the client");
  }

  @Test
  void edns0NsidAndSubnetAreSeenByTheNextPlugin() throws Exception {
    RecordingChain next = RecordingChain.answering();
    RewriteHandler handler = handler("rewrite continue edns0 nsid set", "rewrite edns0 subnet set 24 56");

    handler.serve(Queries.request("a.test.", Type.A), next);

    OPTRecord opt = next.lastRequest().query().getOPT();
    assertArrayEquals(new byte[0], data(opt, EDNSOption.Code.NSID));
    ClientSubnetOption subnet = (ClientSubnetOption) opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0);
    assertEquals("10.1.2.0/24", subnet.getAddress().getHostAddress() + "/" + subnet.getSourcePrefixLength());
    assertFalse(handler.deterministic(), "the subnet is the client's");
  }

  @Test
  void queriesNoRuleMatchesPassUntouched() throws Exception {
    RecordingChain next = RecordingChain.answering();
    Request request = Queries.request("other.test.", Type.A);
    RewriteHandler handler = handler("rewrite name a.test. b.test.", "rewrite type AAAA A");

    Message reply = handler.serve(request, next);

    assertSame(request, next.lastRequest());
    assertEquals(RecordingChain.NEXT_RCODE, reply.getRcode());
    assertTrue(handler.deterministic());
    assertEquals(0, handler.generation());
  }

  @Test
  void aRewriteToAnInvalidNameIsServfailThatSaysWhy() throws Exception {
    RecordingChain next = RecordingChain.answering();

    Message reply = handler("rewrite name regex ^(.*)\\.test\\.$ {1}{1}{1}{1}{1}{1}{1}.test")
        .serve(Queries.request("abcdefghij.test.", Type.A), next);

    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    assertFalse(next.called());
    assertEquals(ExtendedErrorCodeOption.OTHER, Replies.extendedErrors(reply).get(0).getErrorCode());
    assertTrue(Replies.extendedErrors(reply).get(0).getText().contains("is not a valid name"));
  }

  private static Request withOptions(Request request, EDNSOption... options) {
    Message query = request.query().clone();
    query.addRecord(new OPTRecord(4000, 0, 0, 0, List.of(options)), Section.ADDITIONAL);
    return new Request(query, request.remote(), request.transport(), request.zone(), request.startNanos());
  }

  private static byte[] data(OPTRecord opt, int code) {
    List<EDNSOption> found = opt.getOptions(code);
    assertEquals(1, found.size(), "options with code " + code);
    return payload(found.get(0));
  }

  /** The option's data: its wire form after the code and length. */
  private static byte[] payload(EDNSOption option) {
    byte[] wire = option.toWire();
    return java.util.Arrays.copyOfRange(wire, 4, wire.length);
  }

  private static List<String> localOptions(OPTRecord opt, int code) {
    return opt.getOptions(code).stream()
        .map(o -> new String(payload(o), StandardCharsets.US_ASCII))
        .toList();
  }
}
