package io.clusterdns.plugin.forward;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

class ForwardSetupTest {
  @TempDir static Path dir;

  @Test
  void isRegisteredUnderItsDirectiveNameAndRepeatable() {
    assertEquals(ForwardSetup.class,
        PluginRegistry.load().find("forward").map(Object::getClass).orElse(null));
    assertTrue(new ForwardSetup().repeatable());
  }

  @Test
  void defaultsAreCoreDnsDefaults() throws Exception {
    ForwardOptions options = ForwardSetup.parse(directive("forward . 127.0.0.1"), dir);

    assertEquals(Name.root, options.from());
    assertEquals(List.of(new UpstreamAddress(new InetSocketAddress("127.0.0.1", 53), false)), options.upstreams());
    assertEquals(List.of(), options.except());
    assertFalse(options.forceTcp());
    assertFalse(options.preferUdp());
    assertEquals(Duration.ofSeconds(10), options.expire());
    assertEquals(2, options.maxFails());
    assertEquals(new HealthCheck(Duration.ofMillis(500), true, Name.root), options.healthCheck());
    assertEquals(Policy.RANDOM, options.policy());
    assertEquals(0, options.maxConcurrent());
    assertEquals(Set.of(), options.nextRcodes());
    assertEquals(Set.of(), options.failoverRcodes());
    assertFalse(options.failfastAllUnhealthy());
    assertEquals(Duration.ofSeconds(2), options.readTimeout());
    assertEquals(0, options.maxIdleConns());
    assertEquals(2, options.maxConnectAttempts());
    assertEquals(TlsOptions.DEFAULT, options.tls());
  }

  @Test
  void upstreamFormsAreReadWithTheirPorts() throws Exception {
    ForwardOptions options = ForwardSetup.parse(
        directive("forward Example.ORG 10.0.0.1:5353 dns://10.0.0.2 [fd00::1]:54 fd00::2 tls://10.0.0.3 tls://[::1]:8853"),
        dir);

    assertEquals(Name.fromConstantString("example.org."), options.from());
    assertEquals(List.of("10.0.0.1:5353", "10.0.0.2:53", "[fd00::1]:54", "[fd00::2]:53", "tls://10.0.0.3:853",
        "tls://[::1]:8853"), options.upstreams().stream().map(UpstreamAddress::toString).toList());
    assertEquals(12, options.maxConnectAttempts());
  }

  @Test
  void resolvConfGivesItsNameserversOnPort53() throws Exception {
    Files.writeString(dir.resolve("resolv.conf"),
        "# generated\nsearch default.svc.cluster.local\nnameserver 10.0.0.10\nnameserver fe80::1%eth0\noptions ndots:5\n");

    ForwardOptions options = ForwardSetup.parse(directive("forward . resolv.conf"), dir);

    assertEquals(List.of("10.0.0.10:53", "[fe80::1]:53"),
        options.upstreams().stream().map(UpstreamAddress::toString).toList());
  }

  @Test
  void blockSetsEveryOption() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not checked by parse");
    ForwardOptions options = ForwardSetup.parse(directive("""
        forward . tls://127.0.0.1 tls://127.0.0.2 {
            except cluster.local Example.com
            force_tcp
            prefer_udp
            expire 30s
            max_fails 5
            health_check 1s no_rec domain example.org
            policy sequential
            max_concurrent 1000
            next NXDOMAIN servfail
            next_on_nodata
            failover REFUSED
            failfast_all_unhealthy_upstreams
            read_timeout 500ms
            max_idle_conns 4
            max_connect_attempts 0
            tls ca.pem
            tls_servername dns.example
        }
        """), dir);

    assertEquals(List.of(Name.fromConstantString("cluster.local."), Name.fromConstantString("example.com.")),
        options.except());
    assertTrue(options.forceTcp());
    assertTrue(options.preferUdp());
    assertEquals(Duration.ofSeconds(30), options.expire());
    assertEquals(5, options.maxFails());
    assertEquals(new HealthCheck(Duration.ofSeconds(1), false, Name.fromConstantString("example.org.")),
        options.healthCheck());
    assertEquals(Policy.SEQUENTIAL, options.policy());
    assertEquals(1000, options.maxConcurrent());
    assertEquals(Set.of(Rcode.NXDOMAIN, Rcode.SERVFAIL), options.nextRcodes());
    assertTrue(options.nextOnNodata());
    assertEquals(Set.of(Rcode.REFUSED), options.failoverRcodes());
    assertTrue(options.failfastAllUnhealthy());
    assertEquals(Duration.ofMillis(500), options.readTimeout());
    assertEquals(4, options.maxIdleConns());
    assertEquals(0, options.maxConnectAttempts());
    assertEquals(new TlsOptions(Optional.empty(), Optional.empty(), Optional.of(ca), Optional.of("dns.example")),
        options.tls());
  }

  @Test
  void kubeadmLineParses() throws Exception {
    Files.writeString(dir.resolve("kubeadm-resolv.conf"), "nameserver 192.0.2.53\n");
    ForwardOptions options =
        ForwardSetup.parse(directive("forward . kubeadm-resolv.conf {\n max_concurrent 1000\n}"), dir);
    assertEquals(1000, options.maxConcurrent());
    assertEquals("192.0.2.53:53", options.upstreams().get(0).toString());
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
    "forward . => Corefile:1:1: forward: missing argument, expected forward FROM TO... (at most 15 upstreams)",
    "forward . https://10.0.0.1 => Corefile:1:11: forward: DNS over HTTPS upstream 'https://10.0.0.1' is not supported; use dns:// or tls://",
    "forward . quic://10.0.0.1 => Corefile:1:11: forward: unknown scheme 'quic://' in 'quic://10.0.0.1', expected dns:// or tls://",
    "forward . dns.google => Corefile:1:11: forward: 'dns.google' is not an IP address or a file; host names as upstreams are not supported",
    "forward . tls://dns.google => Corefile:1:11: forward: 'dns.google' in upstream 'tls://dns.google' is not an IP address; host names as upstreams are not supported",
    "forward . 10.0.0.1:0 => Corefile:1:11: forward: invalid port '0' in upstream '10.0.0.1:0', expected 1 to 65535",
    "forward . 10.0.0.1:dns => Corefile:1:11: forward: invalid port 'dns' in upstream '10.0.0.1:dns', expected 1 to 65535",
    "forward . 10.0.0.300 => Corefile:1:11: forward: '10.0.0.300' in upstream '10.0.0.300' is not an IP address; host names as upstreams are not supported",
    "forward . [fd00::1 => Corefile:1:11: forward: missing ']' in upstream '[fd00::1'",
    "forward . /no/such/resolv.conf => Corefile:1:11: forward: resolv.conf file '/no/such/resolv.conf' does not exist",
    "forward bad..zone 10.0.0.1 => Corefile:1:9: forward: invalid zone 'bad..zone'",
    "forward . 10.0.0.1 {\\n max_fails\\n} => Corefile:2:2: max_fails: missing argument, expected max_fails N",
    "forward . 10.0.0.1 {\\n max_fails -1\\n} => Corefile:2:12: forward max_fails must be between 0 and 2147483647, got '-1'",
    "forward . 10.0.0.1 {\\n expire 0s\\n} => Corefile:2:9: forward expire must be positive, got '0s'",
    "forward . 10.0.0.1 {\\n expire soon\\n} => Corefile:2:9: forward expire must be a duration such as 5s, got 'soon'",
    "forward . 10.0.0.1 {\\n read_timeout 2x\\n} => Corefile:2:15: forward read_timeout: unknown unit 'x' in '2x', expected ns, us, ms, s, m or h",
    "forward . 10.0.0.1 {\\n health_check\\n} => Corefile:2:2: health_check: missing argument, expected health_check DURATION [no_rec] [domain FQDN]",
    "forward . 10.0.0.1 {\\n health_check 1s recursive\\n} => Corefile:2:18: forward: health_check: unexpected 'recursive', expected no_rec or domain FQDN",
    "forward . 10.0.0.1 {\\n health_check 1s domain\\n} => Corefile:2:18: forward: health_check domain needs a name after it",
    "forward . 10.0.0.1 {\\n policy fastest\\n} => Corefile:2:9: forward: unknown policy 'fastest', expected random, round_robin or sequential",
    "forward . 10.0.0.1 {\\n max_concurrent 0\\n} => Corefile:2:17: forward max_concurrent must be between 1 and 2147483647, got '0'",
    "forward . 10.0.0.1 {\\n next NXDOMAINS\\n} => Corefile:2:7: forward: next: unknown rcode 'NXDOMAINS', expected a name such as NXDOMAIN or SERVFAIL",
    "forward . 10.0.0.1 {\\n failover NOERROR\\n} => Corefile:2:11: forward: failover on NOERROR is not allowed",
    "forward . 10.0.0.1 {\\n force_tcp yes\\n} => Corefile:2:12: unexpected argument 'yes': force_tcp takes no arguments",
    "forward . 10.0.0.1 {\\n tls_servername dns.example\\n} => Corefile:2:17: forward: tls_servername needs a tls:// upstream",
    "forward . 10.0.0.1 {\\n tls /no/cert.pem\\n} => Corefile:2:6: forward: tls file '/no/cert.pem' cannot be read",
    "forward . 10.0.0.1 {\\n doh_method GET\\n} => Corefile:2:2: forward: option 'doh_method' is not supported",
    "forward . 10.0.0.1 {\\n max_fail 3\\n} => Corefile:2:2: forward: unknown property 'max_fail'; did you mean 'max_fails'?",
    "forward . 10.0.0.1 {\\n except\\n} => Corefile:2:2: except: missing argument, expected except NAMES...",
    "forward . 10.0.0.1 {\\n policy random {\\n }\\n} => Corefile:2:2: plugin policy takes no block",
  })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    assertRejected(snippet, message, d -> ForwardSetup.parse(d, dir));
  }

  @Test
  void sixteenUpstreamsAreTooMany() {
    StringBuilder line = new StringBuilder("forward .");
    for (int i = 1; i <= 16; i++) {
      line.append(" 10.0.0.").append(i);
    }
    CorefileException e = assertThrows(CorefileException.class, () -> ForwardSetup.parse(directive(line.toString()), dir));
    assertEquals("Corefile:1:" + (line.lastIndexOf(" ") + 2) + ": forward: more than 15 upstreams", e.getMessage());
  }

  @Test
  void resolvConfWithoutNameserverIsAnError() throws Exception {
    Files.writeString(dir.resolve("empty.conf"), "search example.org\n");
    CorefileException e =
        assertThrows(CorefileException.class, () -> ForwardSetup.parse(directive("forward . empty.conf"), dir));
    assertEquals("Corefile:1:11: forward: resolv.conf '" + dir.resolve("empty.conf") + "' has no nameserver line",
        e.getMessage());
  }
}
