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

  /** Binds UDP and TCP to the same port (port 0: the same ephemeral one) and starts serving. */
  static PortListener bind(InetAddress bindAddress, int port, int udpWorkers, int udpThreads,
      TcpListener.TcpSettings tcpSettings, QueryProcessor processor) throws IOException {
    UdpListener udp;
    TcpListener tcp;
    for (int attempt = 1; ; attempt++) {
      udp = UdpListener.bind(new InetSocketAddress(bindAddress, port), udpWorkers, udpThreads, processor);
      try {
        tcp = TcpListener.bind(udp.address(), processor, tcpSettings);
        break;
      } catch (BindException e) {
        udp.close();
        // The kernel picked a UDP port whose number TCP already holds: pick another.
        if (port != 0 || attempt == EPHEMERAL_BIND_ATTEMPTS) {
          throw e;
        }
      }
    }
    String name = "dns-" + udp.address().getPort();
    udp.start(name);
    tcp.start(name);
    return new PortListener(processor, udp, tcp, new ListenerAddress(port, udp.address(), tcp.address()));
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
