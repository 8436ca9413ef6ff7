package io.clusterdns.plugin.forward;

import static io.clusterdns.plugin.forward.Upstreams.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** DNS over TLS to Unbound, with the certificate checked against tls_servername or the IP. */
class ForwardTlsTest {
  @TempDir static Path dir;
  private static UnboundTls unbound;
  private final Upstreams upstreams = new Upstreams(Path.of("."), Clock.systemUTC());

  @BeforeAll
  static void startUnbound() throws Exception {
    unbound = UnboundTls.start(dir.resolve("unbound"));
  }

  @AfterAll
  static void stopUnbound() {
    unbound.process.stop();
  }

  @AfterEach
  void close() {
    upstreams.close();
  }

  private static Message ask(ForwardHandler forward, int id) throws Exception {
    return forward.serve(request("WWW.example.org.", Type.A, id, Transport.UDP), RecordingChain.answering());
  }

  @Test
  void answersOverTlsWithTheServerNameCheckedAndTheConnectionReused() throws Exception {
    ForwardHandler forward = upstreams.handler("forward . " + unbound.to() + " {\n tls " + unbound.certificate
        + "\n tls_servername " + UnboundTls.SERVER_NAME + "\n}");
    String label = "127.0.0.1:" + unbound.tlsPort;
    double hits = ForwardMetrics.CONN_CACHE_HITS.labelValues("forward", label, "tcp-tls").get();

    for (int id = 1; id <= 2; id++) {
      Message reply = ask(forward, id);
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals(id, reply.getHeader().getID());
      assertEquals("WWW.example.org.", reply.getQuestion().getName().toString());
      assertEquals("192.0.2.9", reply.getSection(Section.ANSWER).get(0).rdataToString());
    }
    assertEquals(hits + 1, ForwardMetrics.CONN_CACHE_HITS.labelValues("forward", label, "tcp-tls").get());
  }

  @Test
  void withoutServerNameTheCertificateMustCarryTheIpAddress() throws Exception {
    ForwardHandler forward = upstreams.handler("forward . " + unbound.to() + " {\n tls " + unbound.certificate + "\n}");

    assertEquals("192.0.2.9", ask(forward, 1).getSection(Section.ANSWER).get(0).rdataToString());
  }

  @Test
  void clientCertificateAndKeyAreLoaded() throws Exception {
    ForwardHandler forward = upstreams.handler("forward . " + unbound.to() + " {\n tls " + unbound.certificate
        + " " + unbound.key + " " + unbound.certificate + "\n tls_servername " + UnboundTls.SERVER_NAME + "\n}");

    assertEquals(Rcode.NOERROR, ask(forward, 1).getRcode());
  }

  @Test
  void wrongServerNameFailsTheHandshake() throws Exception {
    ForwardHandler forward = upstreams.handler("forward . " + unbound.to() + " {\n tls " + unbound.certificate
        + "\n tls_servername wrong.test\n read_timeout 500ms\n}");

    Message reply = ask(forward, 1);

    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    ExtendedErrorCodeOption reason = Replies.extendedErrors(reply).get(0);
    assertEquals(ExtendedErrorCodeOption.NETWORK_ERROR, reason.getErrorCode());
    assertTrue(reason.getText().startsWith("forward: 127.0.0.1:" + unbound.tlsPort + ": "), reason.getText());
  }

  @Test
  void untrustedCertificateFailsTheHandshake() throws Exception {
    ForwardHandler forward = upstreams.handler("forward . " + unbound.to() + " {\n tls_servername "
        + UnboundTls.SERVER_NAME + "\n read_timeout 500ms\n}");

    assertEquals(Rcode.SERVFAIL, ask(forward, 1).getRcode(), "a self-signed certificate is not in the JDK's roots");
  }
}
