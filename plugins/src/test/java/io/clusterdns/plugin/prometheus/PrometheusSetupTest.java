package io.clusterdns.plugin.prometheus;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.oneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
        "prometheus                     | 127.0.0.1 | 9153",
        "prometheus {\\n}               | 127.0.0.1 | 9153",
        "prometheus :9153               | 0.0.0.0   | 9153",
        "prometheus localhost:9153      | 127.0.0.1 | 9153",
        "prometheus 127.0.0.1:0         | 127.0.0.1 | 0",
        "prometheus [::1]:9253          | ::1       | 9253",
      })
  void readsTheAddress(String snippet, String host, int port) throws Exception {
    PrometheusHandler handler =
        (PrometheusHandler) setup.setup(oneLine(snippet), new FakeSetupContext("."));
    assertEquals(new InetSocketAddress(InetAddress.getByName(host), port), handler.options().address());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "prometheus :9153 :9154          | Corefile:1:18: prometheus: unexpected argument ':9154', expected prometheus [ADDR]",
        "prometheus 9153                 | Corefile:1:12: prometheus: invalid address '9153': no port; expected [HOST]:PORT such as :8080",
        "prometheus localhost            | Corefile:1:12: prometheus: invalid address 'localhost': no port; expected [HOST]:PORT such as :8080",
        "prometheus ::1:9153             | Corefile:1:12: prometheus: invalid address '::1:9153': the host must be empty, localhost, an IPv4 address or an IPv6 address in []; expected [HOST]:PORT such as :8080",
        "prometheus [zz]:9153            | Corefile:1:12: prometheus: invalid address '[zz]:9153': the host must be empty, localhost, an IPv4 address or an IPv6 address in []; expected [HOST]:PORT such as :8080",
        "prometheus local_host:9153      | Corefile:1:12: prometheus: invalid address 'local_host:9153': the host must be empty, localhost, an IPv4 address or an IPv6 address in []; expected [HOST]:PORT such as :8080",
        "prometheus localhost:65536      | Corefile:1:12: prometheus: invalid address 'localhost:65536': the port must be a number from 0 to 65535; expected [HOST]:PORT such as :8080",
        "prometheus localhost:           | Corefile:1:12: prometheus: invalid address 'localhost:': the port must be a number from 0 to 65535; expected [HOST]:PORT such as :8080",
        "prometheus :http                | Corefile:1:12: prometheus: invalid address ':http': the port must be a number from 0 to 65535; expected [HOST]:PORT such as :8080",
        "prometheus {\\n runtime_metrics\\n} | Corefile:2:2: prometheus: unknown property 'runtime_metrics': prometheus takes no properties (JVM runtime metrics are always exported)",
      })
  void rejectsBadAddressesAndProperties(String snippet, String message) {
    assertRejected(snippet, message, d -> setup.setup(d, new FakeSetupContext(".")));
  }
}
