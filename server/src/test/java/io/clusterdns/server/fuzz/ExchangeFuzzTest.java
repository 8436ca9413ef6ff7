package io.clusterdns.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.clusterdns.server.ClusterDns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;

/**
 * Coverage-guided fuzzing of the packet path: any bytes given to {@link ClusterDns#exchange}
 * give either nothing or a well-formed response that carries the query's ID, echoes its opcode
 * and fits the UDP size the query allows. One target serves the built-in example cluster, the
 * other a Corefile with every plugin that needs no network. In the normal test run each target
 * replays its corpus under
 * {@code src/test/resources/io/clusterdns/server/fuzz/ExchangeFuzzTestInputs}; {@code fuzz/run.sh}
 * fuzzes one of them for a given time.
 */
class ExchangeFuzzTest {
  private static final int CLASSIC_UDP = 512;
  private static final String EXAMPLE = "/io/clusterdns/server/example/";

  /** Every plugin that answers without a network peer, in one server block and a second zone. */
  private static final String EVERY_PLUGIN =
      """
      cluster.local 10.96.0.0/16 10.244.0.0/16 test example.org {
          errors
          log
          cache 30 {
              success 1000
              denial 1000
          }
          rewrite name suffix .cluster.internal. .cluster.local. answer auto
          template IN TXT example.org {
              match ^(?<host>[a-z0-9-]+)[.]example[.]org[.]$
              answer "{{ .Name }} 60 IN TXT {{ .Group.host }} {{ .Type }}"
              fallthrough
          }
          hosts {
              192.0.2.7 www.example.org
              2001:db8::7 www.example.org
              fallthrough
          }
          whoami
          autopath @kubernetes
          loadbalance
          kubernetes cluster.local 10.96.0.0/16 10.244.0.0/16 {
              manifests MANIFESTS
              pods verified
              fallthrough example.org
          }
          k8s_external example.org
          k8s_gateway test {
              default_address 192.168.49.2
          }
      }
      """;

  private static Path manifests;
  private static ClusterDns example;
  private static ClusterDns everyPlugin;

  @FuzzTest
  void builtInExample(byte[] query) {
    checkReply(query, example().exchange(query));
  }

  @FuzzTest
  void everyPlugin(byte[] query) {
    checkReply(query, everyPlugin().exchange(query));
  }

  @AfterAll
  static void stop() throws IOException {
    if (example != null) {
      example.close();
    }
    if (everyPlugin != null) {
      everyPlugin.close();
    }
    if (manifests != null) {
      Files.deleteIfExists(manifests);
      Files.deleteIfExists(manifests.getParent());
    }
  }

  static void checkReply(byte[] query, byte[] reply) {
    if (reply == null) {
      return;
    }
    Message parsed;
    try {
      parsed = new Message(reply);
    } catch (IOException e) {
      fail("reply does not parse: " + e.getMessage());
      return;
    }
    assertTrue(query.length >= 2, "a reply to a packet too short to carry an ID");
    int id = ((query[0] & 0xff) << 8) | (query[1] & 0xff);
    assertEquals(id, parsed.getHeader().getID(), "reply ID");
    assertTrue(parsed.getHeader().getFlag(Flags.QR), "reply has QR set");
    if (query.length >= 3) {
      assertEquals((query[2] >> 3) & 0xf, parsed.getHeader().getOpcode(),
          "reply echoes the opcode " + Opcode.string((query[2] >> 3) & 0xf));
    }
    int limit = udpLimit(query);
    assertTrue(reply.length <= limit,
        "a UDP reply of " + reply.length + " bytes exceeds the " + limit + " the query allows");
  }

  /** What RFC 6891 lets a UDP reply be: 512 bytes, or the larger size a parsable OPT offers. */
  private static int udpLimit(byte[] query) {
    try {
      OPTRecord opt = new Message(query).getOPT();
      return opt == null ? CLASSIC_UDP : Math.max(CLASSIC_UDP, opt.getPayloadSize());
    } catch (IOException e) {
      return CLASSIC_UDP;
    }
  }

  private static synchronized ClusterDns example() {
    if (example == null) {
      example = start(resource("Corefile"));
    }
    return example;
  }

  private static synchronized ClusterDns everyPlugin() {
    if (everyPlugin == null) {
      everyPlugin = start(EVERY_PLUGIN.replace("MANIFESTS", "{$CLUSTERDNS_EXAMPLE_MANIFESTS}"));
    }
    return everyPlugin;
  }

  private static ClusterDns start(String corefile) {
    try {
      Path yaml = manifests();
      ClusterDns server = ClusterDns.builder()
          .corefile(corefile)
          .defaultPort(0)
          .environment(name -> "CLUSTERDNS_EXAMPLE_MANIFESTS".equals(name) ? yaml.toString() : null)
          .start();
      server.awaitReady(Duration.ofSeconds(10));
      return server;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the fuzzed server: " + e.getMessage(), e);
    }
  }

  private static Path manifests() throws IOException {
    if (manifests == null) {
      Path directory = Files.createTempDirectory("clusterdns-fuzz");
      Path yaml = directory.resolve("cluster.yaml");
      try (InputStream in = ExchangeFuzzTest.class.getResourceAsStream(EXAMPLE + "cluster.yaml")) {
        Files.copy(in, yaml, StandardCopyOption.REPLACE_EXISTING);
      }
      manifests = yaml;
    }
    return manifests;
  }

  private static String resource(String name) {
    try (InputStream in = ExchangeFuzzTest.class.getResourceAsStream(EXAMPLE + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
