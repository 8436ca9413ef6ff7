package io.clusterdns.plugin.cache;

import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class CacheSetupTest {
  private final FakeSetupContext context = new FakeSetupContext("example.org.", "example.net.");

  @Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(CacheSetup.class, PluginRegistry.load().find("cache").map(Object::getClass).orElse(null));
  }

  @Test
  void defaultsFollowCoreDns() throws CorefileException {
    CacheOptions options = CacheSetup.parse(directive("cache"), context);

    assertEquals(names("example.org.", "example.net."), options.zones());
    assertEquals(new CacheOptions.Tier(9984, 3600, 5), options.success());
    assertEquals(new CacheOptions.Tier(9984, 1800, 5), options.denial());
    assertEquals(CacheOptions.Prefetch.OFF, options.prefetch());
    assertEquals(Duration.ZERO, options.serveStale());
    assertEquals(false, options.verifyStale());
    assertEquals(Duration.ofSeconds(5), options.servfail());
    assertEquals(List.of(), options.successDisabled());
    assertEquals(List.of(), options.denialDisabled());
    assertEquals(false, options.keepTtl());
  }

  @Test
  void ttlArgumentCapsBothCachesAndZonesNarrowTheBlock() throws CorefileException {
    CacheOptions options = CacheSetup.parse(directive("cache 30 Example.ORG"), context);

    assertEquals(names("example.org."), options.zones());
    assertEquals(30, options.success().maxTtl());
    assertEquals(30, options.denial().maxTtl());
  }

  @Test
  void kubeadmBlockDisablesBothCachesForTheClusterDomain() throws CorefileException {
    CacheOptions options = CacheSetup.parse(
        directive("cache 30 {\n disable success cluster.local\n disable denial cluster.local\n}"),
        new FakeSetupContext("."));

    assertEquals(names("."), options.zones());
    assertEquals(names("cluster.local."), options.successDisabled());
    assertEquals(names("cluster.local."), options.denialDisabled());
  }

  @Test
  void blockSetsEveryOption() throws CorefileException {
    CacheOptions options = CacheSetup.parse(
        directive(
            """
            cache 300 {
                success 5000 600 10
                denial 100 60 0
                prefetch 3 30s 25%
                serve_stale 2h verify
                servfail 10s
                disable success
                disable denial in-addr.arpa
                keepttl
            }
            """),
        context);

    assertEquals(new CacheOptions.Tier(4864, 600, 10), options.success());
    assertEquals(new CacheOptions.Tier(1024, 60, 0), options.denial());
    assertEquals(new CacheOptions.Prefetch(3, Duration.ofSeconds(30), 25), options.prefetch());
    assertEquals(Duration.ofHours(2), options.serveStale());
    assertEquals(true, options.verifyStale());
    assertEquals(Duration.ofSeconds(10), options.servfail());
    assertEquals(names("example.org.", "example.net."), options.successDisabled());
    assertEquals(names("in-addr.arpa."), options.denialDisabled());
    assertEquals(true, options.keepTtl());
  }

  @Test
  void shortFormsTakeTheirDefaults() throws CorefileException {
    CacheOptions options = CacheSetup.parse(
        directive("cache {\n success 2048\n prefetch 10\n serve_stale\n servfail 0s\n}"), context);

    assertEquals(new CacheOptions.Tier(2048, 3600, 5), options.success());
    assertEquals(new CacheOptions.Prefetch(10, Duration.ofMinutes(1), 10), options.prefetch());
    assertEquals(Duration.ofHours(1), options.serveStale());
    assertEquals(false, options.verifyStale());
    assertEquals(Duration.ZERO, options.servfail());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "0 => 1024", "1 => 1024", "1024 => 1024", "1300 => 1280", "9984 => 9984", "10000 => 9984",
      })
  void capacityIsRoundedAsCoreDnsShardsIt(int written, int effective) {
    assertEquals(effective, CacheSetup.shardedCapacity(written));
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "cache 0 => Corefile:1:7: cache TTL must be between 1 and 2147483647, got '0'",
        "cache -5 => Corefile:1:7: cache TTL must be between 1 and 2147483647, got '-5'",
        "cache 30 bad..zone => Corefile:1:10: cache: invalid zone 'bad..zone', expected a domain name such as example.org",
        "cache 10.0.0.0/8 => Corefile:1:7: cache: zone '10.0.0.0/8' is a CIDR, which is not supported; write the reverse zone such as 10.in-addr.arpa",
        "cache {\\n success\\n} => Corefile:2:2: success: missing argument, expected success CAPACITY [TTL] [MINTTL]",
        "cache {\\n success lots\\n} => Corefile:2:10: cache success CAPACITY must be a whole number, got 'lots'",
        "cache {\\n success 0\\n} => Corefile:2:10: cache success CAPACITY must be between 1 and 2147483647, got '0'",
        "cache {\\n denial 1024 0\\n} => Corefile:2:14: cache denial TTL must be between 1 and 2147483647, got '0'",
        "cache {\\n denial 1024 30 -1\\n} => Corefile:2:17: cache denial MINTTL must be between 0 and 2147483647, got '-1'",
        "cache {\\n denial 1024 30 5 1\\n} => Corefile:2:19: denial: unexpected argument '1', expected denial CAPACITY [TTL] [MINTTL]",
        "cache {\\n prefetch\\n} => Corefile:2:2: prefetch: missing argument, expected prefetch AMOUNT [DURATION] [PERCENTAGE%]",
        "cache {\\n prefetch 0\\n} => Corefile:2:11: cache prefetch AMOUNT must be between 1 and 2147483647, got '0'",
        "cache {\\n prefetch 2 0s\\n} => Corefile:2:13: cache prefetch DURATION must be positive, got '0s'",
        "cache {\\n prefetch 2 1m 50\\n} => Corefile:2:16: cache prefetch PERCENTAGE must end with '%', such as 10%, got '50'",
        "cache {\\n prefetch 2 1m 95%\\n} => Corefile:2:16: cache prefetch PERCENTAGE must be between 10 and 90, got '95'",
        "cache {\\n serve_stale 1h later\\n} => Corefile:2:17: cache serve_stale: unknown refresh mode 'later', expected immediate or verify",
        "cache {\\n serve_stale 1h verify 5s\\n} => Corefile:2:24: serve_stale: unexpected argument '5s', expected serve_stale [DURATION] [immediate|verify]",
        "cache {\\n serve_stale 0s\\n} => Corefile:2:14: cache serve_stale DURATION must be positive, got '0s'",
        "cache {\\n servfail 6m\\n} => Corefile:2:11: cache servfail DURATION must be between 0s and 5m, got '6m'",
        "cache {\\n servfail 500ms\\n} => Corefile:2:11: cache servfail DURATION must be 0s (off) or at least 1s, got '500ms'",
        "cache {\\n servfail\\n} => Corefile:2:2: servfail: missing argument, expected servfail DURATION",
        "cache {\\n disable\\n} => Corefile:2:2: disable: missing argument, expected disable success|denial [ZONES...]",
        "cache {\\n disable positive\\n} => Corefile:2:10: cache disable: expected success or denial, got 'positive'",
        "cache {\\n keepttl yes\\n} => Corefile:2:10: unexpected argument 'yes': keepttl takes no arguments",
        "cache {\\n serve_stale_policy prefer_positive\\n} => Corefile:2:2: cache: serve_stale_policy is not supported",
        "cache {\\n prefetchh 2\\n} => Corefile:2:2: cache: unknown property 'prefetchh'; did you mean 'prefetch'?",
        "cache {\\n success 1024 {\\n }\\n} => Corefile:2:2: plugin success takes no block",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    CorefileException e = assertThrows(
        CorefileException.class,
        () -> CacheSetup.parse(directive(snippet.replace("\\n", "\n")), context));
    assertEquals(message, e.getMessage());
  }

  private static List<Name> names(String... names) {
    return Arrays.stream(names).map(Name::fromConstantString).toList();
  }
}
