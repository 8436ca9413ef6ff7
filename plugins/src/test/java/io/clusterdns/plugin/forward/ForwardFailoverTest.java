package io.clusterdns.plugin.forward;

import static io.clusterdns.plugin.forward.Upstreams.request;
import static io.clusterdns.plugin.forward.Upstreams.txt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.DaemonProcess;
import io.clusterdns.plugin.testkit.LoopbackPorts;
import io.clusterdns.plugin.testkit.Nsd;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Upstreams that stop and come back, and upstreams read from a resolv.conf file. */
class ForwardFailoverTest {
  @TempDir Path dir;
  private final Upstreams upstreams = new Upstreams(Path.of("."), Clock.systemUTC());
  private DaemonProcess a;
  private DaemonProcess b;

  @AfterEach
  void stop() {
    upstreams.close();
    if (a != null) {
      a.stop();
    }
    if (b != null) {
      b.stop();
    }
  }

  private DaemonProcess nsd(String name, InetAddress address, int port) {
    return Nsd.on(dir.resolve(name), address, port,
        Map.of("example.org", Nsd.zone("example.org", "who IN TXT \"" + name + "\""))).start();
  }

  private String who(ForwardHandler forward) throws Exception {
    return txt(forward.serve(request("who.example.org.", Type.TXT, 1, Transport.UDP), RecordingChain.answering()));
  }

  @Test
  void stoppedUpstreamIsSkippedAndHealthChecksBringItBack() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    int portA = LoopbackPorts.free(loopback);
    a = nsd("a", loopback, portA);
    b = nsd("b", loopback, LoopbackPorts.free(loopback));
    ForwardHandler forward = upstreams.handler("forward . 127.0.0.1:" + portA + " 127.0.0.1:" + b.address().getPort()
        + " {\n policy sequential\n health_check 50ms\n max_fails 2\n}");
    assertEquals("a", who(forward));

    a.stop();
    assertEquals("b", who(forward), "the query fails over to the second upstream at once");
    Awaitility.await("a marked down").pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(20))
        .until(() -> forward.upstreams().get(0).down(2));
    assertEquals("b", who(forward));

    a = nsd("a", loopback, portA);
    Awaitility.await("a back").pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(20))
        .until(() -> !forward.upstreams().get(0).down(2));
    assertEquals("a", who(forward));
  }

  /** resolv.conf servers are on port 53, which needs root; a random 127/8 address keeps it ours. */
  @Test
  void resolvConfNameserversAreAskedOnPort53() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "binding port 53 needs root");
    ThreadLocalRandom random = ThreadLocalRandom.current();
    InetAddress address = InetAddress.getByAddress(
        new byte[] {127, 53, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255)});
    a = nsd("resolv", address, 53);
    Path resolvConf = Files.writeString(dir.resolve("resolv.conf"),
        "search example.org\nnameserver " + address.getHostAddress() + "\noptions ndots:5\n");

    ForwardHandler forward = upstreams.handler("forward . " + resolvConf);

    assertEquals("resolv", who(forward));
    assertEquals(Rcode.NXDOMAIN, forward.serve(request("nothing.example.org.", Type.A, 2, Transport.UDP),
        RecordingChain.answering()).getRcode());
  }
}
