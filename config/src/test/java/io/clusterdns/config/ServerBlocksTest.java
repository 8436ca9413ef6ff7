package io.clusterdns.config;

import static io.clusterdns.config.Corefiles.parse;
import static io.clusterdns.config.Corefiles.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerBlocksTest {

  @Test
  void readsTheKubeadmDefaultCorefile() throws CorefileException {
    String text =
        """
        .:53 {
            errors
            health {
               lameduck 5s
            }
            ready
            kubernetes cluster.local in-addr.arpa ip6.arpa {
               pods insecure
               fallthrough in-addr.arpa ip6.arpa
               ttl 30
            }
            prometheus :9153
            forward . /etc/resolv.conf {
               max_concurrent 1000
            }
            cache 30 {
               disable success cluster.local
               disable denial cluster.local
            }
            loop
            reload
            loadbalance
        }
        """;
    assertEquals(
        ".:53 {errors; health {lameduck 5s}; ready;"
            + " kubernetes cluster.local in-addr.arpa ip6.arpa {pods insecure;"
            + " fallthrough in-addr.arpa ip6.arpa; ttl 30}; prometheus :9153;"
            + " forward . /etc/resolv.conf {max_concurrent 1000};"
            + " cache 30 {disable success cluster.local; disable denial cluster.local}; loop;"
            + " reload; loadbalance}",
        shape(parse(text)));
  }

  @Test
  void blocksWithBindMayServeTheSameZoneAndPort() throws CorefileException {
    Corefile corefile = parse(".:53 {\n bind 127.0.0.2\n}\n.:53 {\n bind 127.0.0.3\n}\n");
    assertEquals(".:53 {bind 127.0.0.2}\n.:53 {bind 127.0.0.3}", shape(corefile));
    CorefileException twiceInOneBlock = org.junit.jupiter.api.Assertions.assertThrows(
        CorefileException.class, () -> parse(".:53 .:53 {\n bind 127.0.0.2\n}\n"));
    assertEquals("Corefile:1:6", twiceInOneBlock.getMessage().substring(0, 12));
  }

  @Test
  void keepsServerBlocksInOrder() throws CorefileException {
    Corefile corefile = parse("b.org {\n whoami\n}\na.org {\n log\n}\n");
    assertEquals("b.org. {whoami}\na.org. {log}", shape(corefile));
  }

  @Test
  void recordsWhereEachBlockAndDirectiveStarts() throws CorefileException {
    Corefile corefile = parse("\n  example.org {\n\tlog  stdout\n}\n");
    ServerBlock block = corefile.blocks().get(0);
    assertEquals(new Location("Corefile", 2, 3), block.location());
    Directive log = block.directives().get(0);
    assertEquals(new Location("Corefile", 3, 2), log.location());
    assertEquals(new Location("Corefile", 3, 7), log.args().get(0).location());
  }

  @Test
  void nestsDirectiveBlocksToAnyDepth() throws CorefileException {
    Corefile corefile = parse("a.org {\n one {\n  two x {\n   three {\n    four y z\n   }\n  }\n }\n}");
    assertEquals("a.org. {one {two x {three {four y z}}}}", shape(corefile));
  }

  @Test
  void anEmptyDirectiveBlockStillCountsAsABlock() throws CorefileException {
    List<Directive> directives = parse("a.org {\n health {\n }\n ready {}\n log\n}").blocks()
        .get(0).directives();
    assertTrue(directives.get(0).hasBlock());
    assertTrue(directives.get(0).block().isEmpty());
    assertTrue(directives.get(1).hasBlock());
    assertFalse(directives.get(2).hasBlock());
  }

  @Test
  void aBlockMayOpenAndCloseOnOneLine() throws CorefileException {
    assertEquals(
        "a.org. {health {lameduck 5s}; errors {stacktrace}; outer {inner {leaf 1}}}",
        shape(parse("a.org {\n health { lameduck 5s }\n errors { stacktrace }\n"
            + " outer { inner { leaf 1 } }\n}")));
  }

  @Test
  void aWholeServerBlockMayBeOnOneLine() throws CorefileException {
    assertEquals("a.org. {whoami}\nb.org. {}", shape(parse("a.org { whoami }\nb.org {}")));
  }

  @Test
  void aClosingBraceMayFollowOnTheNextLineOfAnEmptyBlock() throws CorefileException {
    assertEquals("a.org. {}", shape(parse("a.org {\n}")));
  }

  @Test
  void theServerBlockBraceMayBeOnTheLineAfterTheKeys() throws CorefileException {
    assertEquals("a.org. b.org. {log}", shape(parse("a.org b.org\n{\n log\n}")));
  }

  @Test
  void aServerBlockWithoutBracesRunsToTheEndOfTheFile() throws CorefileException {
    assertEquals("a.org.:1053 {whoami; log {class all}}",
        shape(parse("a.org:1053\nwhoami\nlog {\n class all\n}\n")));
  }

  @Test
  void keysAloneMakeAnEmptyServerBlock() throws CorefileException {
    assertEquals("a.org. {}", shape(parse("a.org")));
  }

  @Test
  void aQuotedBraceIsAnOrdinaryArgument() throws CorefileException {
    Directive template = parse("a.org {\n template \"{\" \"}\" x\n}").blocks().get(0)
        .directives().get(0);
    assertEquals("template \"{\" \"}\" x", shape(template));
    assertFalse(template.hasBlock());
  }

  @Test
  void bracesInsideWordsAreOrdinaryCharacters() throws CorefileException {
    assertEquals("a.org. {log {remote}:{port} x{ }y}",
        shape(parse("a.org {\n log {remote}:{port} x{ }y\n}")));
  }
}
