package io.clusterdns.plugin.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.Transport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** What forward says about a name for explain: where it would send it, or that it would not. */
class ForwardExplainTest {
  @TempDir
  Path dir;

  @Test
  void namesTheUpstreamsAndTheirOrderOrWhyTheNameIsNotForwarded() throws Exception {
    try (Upstreams upstreams = new Upstreams(dir, Clock.systemUTC())) {
      ForwardHandler handler = upstreams.handler(
          "forward example.org 192.0.2.1 192.0.2.2:5353 {\n except internal.example.org\n policy sequential\n}");

      assertEquals(List.of("forwarded to 192.0.2.1:53, 192.0.2.2:5353, tried in sequential order"),
          handler.explain(Upstreams.request("www.example.org.", Type.A, 1, Transport.UDP)));
      assertEquals(List.of("under except: passed to the next plugin, not forwarded"),
          handler.explain(Upstreams.request("db.internal.example.org.", Type.A, 2, Transport.UDP)));
      assertEquals(List.of(), handler.explain(Upstreams.request("example.com.", Type.A, 3, Transport.UDP)));
    }
  }
}
