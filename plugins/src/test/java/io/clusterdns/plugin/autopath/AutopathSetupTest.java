package io.clusterdns.plugin.autopath;

import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.ServerBlock;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.ServerLookup;
import io.clusterdns.plugin.SetupContext;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class AutopathSetupTest {
  @TempDir Path dir;
  private SetupContext context;
  private Path hostResolvConf;

  /** The block's zones, its directory, and a kubernetes plugin with {@code kubernetesBlock}. */
  private SetupContext block(String kubernetesBlock) {
    FakeSetupContext zones = new FakeSetupContext(dir, "cluster.local.", "example.org.");
    List<Directive> directives = kubernetesBlock == null
        ? List.of()
        : List.of(directive("kubernetes cluster.local {\n" + kubernetesBlock + "\n}"));
    return new SetupContext() {
      @Override
      public List<String> zones() {
        return zones.zones();
      }

      @Override
      public ServerBlock block() {
        return new ServerBlock(zones.block().keys(), directives, zones.block().location());
      }

      @Override
      public Path baseDirectory() {
        return dir;
      }

      @Override
      public ServerLookup serverLookup() {
        return zones.serverLookup();
      }

      @Override
      public Optional<Handler> sibling(String pluginName) {
        return Optional.empty();
      }
    };
  }

  @BeforeEach
  void files() throws Exception {
    context = block("pods verified");
    Files.writeString(dir.resolve("search.conf"), "nameserver 10.0.0.1\nsearch Alpha.svc.cluster.local svc.cluster.local\n");
    Files.writeString(dir.resolve("nosearch.conf"), "nameserver 10.0.0.1\n");
    Files.writeString(dir.resolve("badsearch.conf"), "search a..b\n");
    hostResolvConf = dir.resolve("host-resolv.conf");
    Files.writeString(hostResolvConf, "nameserver 10.0.0.2\nsearch corp.example ec2.internal\n");
  }

  private AutopathOptions parse(String snippet) throws CorefileException {
    return AutopathSetup.parse(directive(snippet), context, hostResolvConf);
  }

  private static List<Name> names(String... texts) {
    return java.util.Arrays.stream(texts).map(Name::fromConstantString).toList();
  }

  @Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(AutopathSetup.class, PluginRegistry.load().find("autopath").map(Object::getClass).orElse(null));
  }

  @Test
  void kubernetesFormDefaultsToTheBlockZonesAndAddsTheServersSearchDomains() throws CorefileException {
    AutopathOptions options = parse("autopath @kubernetes");

    assertTrue(options.fromKubernetes());
    assertEquals(names("cluster.local.", "example.org."), options.zones());
    assertEquals(names("corp.example.", "ec2.internal."), options.search());
    assertEquals("@kubernetes", options.source().text());
  }

  @Test
  void aServerWithoutResolvConfHasNoSearchDomainsOfItsOwn() throws CorefileException {
    AutopathOptions options = AutopathSetup.parse(directive("autopath @kubernetes"), context, dir.resolve("absent"));

    assertEquals(List.of(), options.search());
  }

  @Test
  void zonesNarrowAndTheResolvConfFormReadsTheFileAgainstTheCorefileDirectory() throws CorefileException {
    AutopathOptions options = parse("autopath Cluster.Local search.conf");

    assertEquals(false, options.fromKubernetes());
    assertEquals(names("cluster.local."), options.zones());
    assertEquals(names("alpha.svc.cluster.local.", "svc.cluster.local."), options.search());
  }

  @Test
  void kubernetesFormNeedsTheKubernetesPluginWatchingPods() {
    CorefileException none = assertThrows(CorefileException.class,
        () -> AutopathSetup.parse(directive("autopath @kubernetes"), block(null), hostResolvConf));
    assertEquals("Corefile:1:10: autopath: @kubernetes needs the kubernetes plugin in the same server block",
        none.getMessage());

    CorefileException insecure = assertThrows(CorefileException.class,
        () -> AutopathSetup.parse(directive("autopath @kubernetes"), block("pods insecure"), hostResolvConf));
    assertEquals("Corefile:1:10: autopath: @kubernetes needs 'pods verified' in the kubernetes plugin at Corefile:1:1",
        insecure.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiterString = "=>", textBlock = """
      autopath                                => Corefile:1:1: autopath: missing search path source; expected autopath [ZONES...] @kubernetes|RESOLV-CONF
      autopath @etcd                          => Corefile:1:10: autopath: unknown plugin '@etcd', only @kubernetes can give search paths
      autopath cluster.local no-such.conf     => Corefile:1:24: autopath: resolv.conf file {dir}/no-such.conf does not exist
      autopath nosearch.conf                  => Corefile:1:10: autopath: {dir}/nosearch.conf has no search line, nothing to complete
      autopath badsearch.conf                 => Corefile:1:10: autopath: {dir}/badsearch.conf: invalid search domain 'a..b.': invalid empty label
      autopath a..b @kubernetes               => Corefile:1:10: autopath: invalid zone 'a..b.': invalid empty label
      autopath @kubernetes {\\n}              => Corefile:1:1: plugin autopath takes no block
      """)
  void badDirectivesNameTheTokenAndSayWhatWasExpected(String snippet, String expected) {
    CorefileException e = assertThrows(CorefileException.class, () -> parse(snippet.replace("\\n", "\n")));
    assertEquals(expected.replace("{dir}", dir.toString()), e.getMessage());
  }
}
