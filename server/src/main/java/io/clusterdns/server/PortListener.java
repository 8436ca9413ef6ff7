package io.clusterdns.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The UDP and TCP listeners of one configured port and the processor they share. */
final class PortListener implements AutoCloseable {
  private static final int EPHEMERAL_BIND_ATTEMPTS = 20;

  private final QueryProcessor processor;
  private final UdpListener udp;
  private final TcpListener tcp;
  private final ListenerAddress address;

  private PortListener(QueryProcessor processor, UdpListener udp, TcpListener tcp, ListenerAddress address) {
    this.processor = processor;
    this.udp = udp;
    this.tcp = tcp;
    this.address = address;
  }

  /**
   * Binds UDP and TCP to the same port (port 0: the same ephemeral one) and starts serving. A
   * failure names the transport, address and port, in one line.
   */
  static PortListener bind(InetAddress bindAddress, int port, int udpWorkers, int udpThreads,
      TcpSettings tcpSettings, QueryProcessor processor) throws IOException {
    UdpListener udp;
    TcpListener tcp;
    for (int attempt = 1; ; attempt++) {
      InetSocketAddress address = new InetSocketAddress(bindAddress, port);
      try {
        udp = UdpListener.bind(address, udpWorkers, udpThreads, processor);
      } catch (IOException e) {
        throw bindFailure("udp", address, e);
      }
      InetSocketAddress bound = udp.address();
      try {
        tcp = TcpListener.bind(bound, processor, tcpSettings);
        break;
      } catch (IOException e) {
        udp.close();
        // The kernel picked a UDP port whose number TCP already holds: pick another.
        if (!(e instanceof BindException) || port != 0 || attempt == EPHEMERAL_BIND_ATTEMPTS) {
          // Named as asked: a dual-stack socket reports the IPv4 wildcard as [::].
          throw bindFailure("tcp", new InetSocketAddress(address.getAddress(), bound.getPort()), e);
        }
      }
    }
    processor.meter(udp.address());
    String name = "dns-" + udp.address().getPort();
    udp.start(name);
    tcp.start(name);
    return new PortListener(processor, udp, tcp, new ListenerAddress(port, udp.address(), tcp.address()));
  }

  /** A failure to bind that names the transport, address and port, in one line. */
  private static BindException bindFailure(String transport, InetSocketAddress address, IOException cause) {
    String host = address.getAddress().getHostAddress();
    String where = host.indexOf(':') >= 0 ? "[" + host + "]:" + address.getPort() : host + ":" + address.getPort();
    BindException failure = new BindException("cannot listen on " + transport + " " + where + ": " + cause.getMessage());
    failure.initCause(cause);
    return failure;
  }

  QueryProcessor processor() {
    return processor;
  }

  ListenerAddress address() {
    return address;
  }

  /** Stops both listeners, answering the queries they already hold. */
  @Override
  public void close() {
    tcp.close();
    udp.close();
  }

  @Override
  public String toString() {
    return "listener " + address.udp();
  }
}
