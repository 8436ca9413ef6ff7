package io.clusterdns.plugin.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.IpLiteral;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoint hostname table of b.1 (CoreDNS's TestEndpointHostname). */
class EndpointNamesTest {
  @ParameterizedTest(name = "{0} hostname={1} pod={2} endpoint_pod_names={3} -> {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "10.11.12.13, -, -, false, 10-11-12-13",
        "10.11.12.13, epname, -, false, epname",
        "10.11.12.13, -, hello-abcde, false, 10-11-12-13",
        "10.11.12.13, epname, hello-abcde, false, epname",
        "10.11.12.13, epname, hello-abcde, true, epname",
        "10.11.12.13, -, hello-abcde, true, hello-abcde",
        "2001:db8:3333:4444:5555:6666:7777:8888, -, -, false, 2001-db8-3333-4444-5555-6666-7777-8888",
        "2001:db8:3333:4444:5555:6666::, -, -, false, 2001-db8-3333-4444-5555-6666--0",
        "5678:abcd::1, -, -, false, 5678-abcd--1",
        "::1, -, -, false, --1",
        "2001:0:0:1:0:0:0:1, -, -, false, 2001-0-0-1--1",
        "2001:db8:0:1:1:1:1:1, -, -, false, 2001-db8-0-1-1-1-1-1",
        "10.11.12.13, -, a-pod-name-that-is-longer-than-sixty-three-characters-so-it-is-no-label, true, 10-11-12-13",
      })
  void namesAnEndpoint(String ip, String hostname, String pod, boolean podNames, String expected) {
    EndpointInfo endpoint = new EndpointInfo(IpLiteral.parse(ip).orElseThrow(), hostname, pod, null, List.of());
    assertEquals(expected, EndpointNames.of(endpoint, podNames));
  }
}
