package io.clusterdns.plugin.prometheus;

import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusSetupTest {
  private final PrometheusSetup setup = new PrometheusSetup();

  @Test
  void isRegisteredUnderItsDirectiveName() {
    assertEquals(PrometheusSetup.class, PluginRegistry.load().find("prometheus").map(Object::getClass).orElse(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "prometheus                     | localhost | 9153",
        "prometheus {\\n}               | localhost | 9153",
        "prometheus :9153               | ''        | 9153",
        "prometheus localhost:9153      | localhost | 9153",
        "prometheus 127.0.0.1:0         | 127.0.0.1 | 0",
        "prometheus [::1]:9253          | ::1       | 9253",
        "prometheus metrics.internal:80 | metrics.internal | 80",
      })
  void readsTheAddress(String snippet, String host, int port) throws CorefileException {
    PrometheusHandler handler =
        (PrometheusHandler) setup.setup(directive(snippet.replace("\\n", "\n")), new FakeSetupContext("."));
    assertEquals(new PrometheusOptions(host, port), handler.options());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "prometheus :9153 :9154          | Corefile:1:18: prometheus: unexpected argument ':9154', expected prometheus [ADDR]",
        "prometheus 9153                 | Corefile:1:12: prometheus: address '9153' has no port, expected [HOST]:PORT such as :9153",
        "prometheus localhost            | Corefile:1:12: prometheus: address 'localhost' has no port, expected [HOST]:PORT such as :9153",
        "prometheus ::1:9153             | Corefile:1:12: prometheus: address '::1:9153' has too many colons; write an IPv6 host in brackets, as [::1]:9153",
        "prometheus [zz]:9153            | Corefile:1:12: prometheus: 'zz' in address '[zz]:9153' is not an IPv6 address",
        "prometheus local_host:9153      | Corefile:1:12: prometheus: 'local_host' in address 'local_host:9153' is not a host name or address",
        "prometheus localhost:65536      | Corefile:1:12: prometheus: port '65536' in address 'localhost:65536' must be a number from 0 to 65535",
        "prometheus localhost:           | Corefile:1:12: prometheus: port '' in address 'localhost:' must be a number from 0 to 65535",
        "prometheus :http                | Corefile:1:12: prometheus: port 'http' in address ':http' must be a number from 0 to 65535",
        "prometheus {\\n runtime_metrics\\n} | Corefile:2:2: prometheus: unknown property 'runtime_metrics': prometheus takes no properties (JVM runtime metrics are always exported)",
      })
  void rejectsBadAddressesAndProperties(String snippet, String message) {
    CorefileException e = assertThrows(CorefileException.class,
        () -> setup.setup(directive(snippet.replace("\\n", "\n")), new FakeSetupContext(".")));
    assertEquals(message, e.getMessage());
  }
}
