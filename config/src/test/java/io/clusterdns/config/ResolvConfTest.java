package io.clusterdns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvConfTest {
  @Test
  void readsAPodsFile() {
    ResolvConf conf = ResolvConf.parse("""
        # written by kubelet
        nameserver 10.96.0.10
        search default.svc.cluster.local svc.cluster.local cluster.local
        options ndots:5
        """);
    assertEquals(List.of("10.96.0.10"), conf.nameservers());
    assertEquals(List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local"), conf.search());
    assertEquals(5, conf.ndots());
    assertEquals(ResolvConf.DEFAULT_TIMEOUT, conf.timeout());
    assertEquals(ResolvConf.DEFAULT_ATTEMPTS, conf.attempts());
  }

  @Test
  void theLaterOfDomainAndSearchWins() {
    assertEquals(List.of("b.example"), ResolvConf.parse("search a.example\ndomain b.example\n").search());
    assertEquals(List.of("c.example", "d.example"),
        ResolvConf.parse("domain b.example\nsearch c.example d.example\n").search());
  }

  @Test
  void commentsAreWholeLinesStartingWithHashOrSemicolon() {
    ResolvConf conf = ResolvConf.parse("; old\n#nameserver 192.0.2.9\nnameserver 192.0.2.1\n  \nbogus line\n");
    assertEquals(List.of("192.0.2.1"), conf.nameservers());
  }

  @Test
  void optionsAreCappedAsGlibcCapsThem() {
    ResolvConf conf = ResolvConf.parse("options ndots:99 timeout:100 attempts:9 rotate\noptions single-request edns0\n");
    assertEquals(ResolvConf.MAX_NDOTS, conf.ndots());
    assertEquals(ResolvConf.MAX_TIMEOUT, conf.timeout());
    assertEquals(ResolvConf.MAX_ATTEMPTS, conf.attempts());
    assertTrue(conf.has("rotate"));
    assertTrue(conf.has("single-request"));
    assertTrue(conf.has("edns0"));
    assertFalse(conf.has("use-vc"));
  }

  @Test
  void aLaterOptionLineReplacesAValue() {
    assertEquals(2, ResolvConf.parse("options ndots:5\noptions ndots:2\n").ndots());
  }

  @Test
  void malformedNumbersKeepTheDefault() {
    ResolvConf conf = ResolvConf.parse("options ndots: ndots:x timeout:-1\n");
    assertEquals(ResolvConf.DEFAULT_NDOTS, conf.ndots());
    assertEquals(ResolvConf.DEFAULT_TIMEOUT, conf.timeout());
  }

  @Test
  void glibcUsesTheFirstThreeNameServersOrLoopback() {
    ResolvConf four = ResolvConf.parse("nameserver 192.0.2.1\nnameserver 192.0.2.2\nnameserver 192.0.2.3\nnameserver 192.0.2.4\n");
    assertEquals(4, four.nameservers().size());
    assertEquals(List.of("192.0.2.1", "192.0.2.2", "192.0.2.3"), four.effectiveNameservers());
    assertEquals(List.of("127.0.0.1"), ResolvConf.parse("search example\n").effectiveNameservers());
  }

  @Test
  void textReadsBackToTheSameConfiguration() {
    ResolvConf conf = new ResolvConf(List.of("10.96.0.10", "fd00::a"), List.of("a.example", "b.example"),
        Map.of("ndots", "5"));
    assertEquals(conf, ResolvConf.parse(conf.text()));
    assertEquals("nameserver 10.96.0.10\nnameserver fd00::a\nsearch a.example b.example\noptions ndots:5\n",
        conf.text());
  }
}
