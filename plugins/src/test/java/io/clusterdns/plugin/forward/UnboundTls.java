package io.clusterdns.plugin.forward;

import io.clusterdns.plugin.testkit.DaemonProcess;
import io.clusterdns.plugin.testkit.LoopbackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Name;

/**
 * Unbound from Debian as a DNS-over-TLS upstream on 127.0.0.1, with a self-signed certificate
 * for {@code dns.test} and 127.0.0.1 made by the openssl CLI, answering {@code www.example.org}
 * from local data.
 */
final class UnboundTls {
  static final String SERVER_NAME = "dns.test";

  final Path certificate;
  final Path key;
  final int tlsPort;
  final DaemonProcess process;

  private UnboundTls(Path certificate, Path key, int tlsPort, DaemonProcess process) {
    this.certificate = certificate;
    this.key = key;
    this.tlsPort = tlsPort;
    this.process = process;
  }

  static UnboundTls start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path certificate = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2", "-subj", "/CN=" + SERVER_NAME,
        "-addext", "subjectAltName=DNS:" + SERVER_NAME + ",IP:127.0.0.1")
        .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
    if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
      throw new IOException("openssl failed: " + Files.readString(dir.resolve("openssl.log")));
    }
    InetAddress loopback = InetAddress.getLoopbackAddress();
    int plainPort = LoopbackPorts.free(loopback);
    int tlsPort = LoopbackPorts.free(loopback);
    Path conf = dir.resolve("unbound.conf");
    Files.writeString(conf, String.join("\n",
        "server:",
        "  interface: 127.0.0.1@" + plainPort,
        "  interface: 127.0.0.1@" + tlsPort,
        "  tls-port: " + tlsPort,
        "  tls-service-key: \"" + key + "\"",
        "  tls-service-pem: \"" + certificate + "\"",
        "  do-daemonize: no",
        "  username: \"\"",
        "  chroot: \"\"",
        "  directory: \"" + dir + "\"",
        "  pidfile: \"" + dir.resolve("unbound.pid") + "\"",
        "  use-syslog: no",
        "  num-threads: 1",
        "  module-config: \"iterator\"",
        "  access-control: 127.0.0.0/8 allow",
        "  local-zone: \"example.org.\" static",
        "  local-data: \"www.example.org. 300 IN A 192.0.2.9\"",
        "remote-control:",
        "  control-enable: no",
        ""));
    DaemonProcess process = new DaemonProcess(List.of("unbound", "-d", "-c", conf.toString()),
        dir.resolve("unbound.log"), new InetSocketAddress(loopback, plainPort), Name.fromConstantString("example.org."));
    return new UnboundTls(certificate, key, tlsPort, process.start());
  }

  String to() {
    return "tls://127.0.0.1:" + tlsPort;
  }
}
