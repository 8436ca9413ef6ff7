package io.clusterdns.plugin.forward;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One TCP or TLS connection to an upstream carrying length-framed DNS messages (RFC 7766), used
 * by one query at a time and pooled between queries.
 */
final class StreamConnection implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private volatile long idleSinceMillis;

  private StreamConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
    this.out = socket.getOutputStream();
  }

  /**
   * Connects, and with {@code tls} shakes hands, within {@code timeoutMillis}. The upstream's
   * certificate must name {@code serverName}, or the upstream's IP address without one.
   */
  static StreamConnection open(UpstreamAddress upstream, SSLContext tls, String serverName, int timeoutMillis)
      throws IOException {
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.connect(upstream.address(), timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      if (!upstream.tls()) {
        return new StreamConnection(plain);
      }
      String host = serverName != null ? serverName : upstream.address().getAddress().getHostAddress();
      SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, upstream.address().getPort(), true);
      SSLParameters parameters = secure.getSSLParameters();
      // HTTPS identification checks the certificate against host: the name, or the IP address.
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      if (serverName != null) {
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
      }
      secure.setSSLParameters(parameters);
      secure.startHandshake();
      return new StreamConnection(secure);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** Sends one query and reads one reply, waiting at most {@code timeoutMillis} for it. */
  byte[] exchange(byte[] query, int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    byte[] framed = new byte[query.length + 2];
    framed[0] = (byte) (query.length >>> 8);
    framed[1] = (byte) query.length;
    System.arraycopy(query, 0, framed, 2, query.length);
    out.write(framed);
    out.flush();
    int length;
    try {
      length = in.readUnsignedShort();
    } catch (EOFException e) {
      throw new ClosedByUpstreamException();
    }
    byte[] reply = new byte[length];
    in.readFully(reply);
    return reply;
  }

  long idleSinceMillis() {
    return idleSinceMillis;
  }

  void markIdle(long nowMillis) {
    idleSinceMillis = nowMillis;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing is left to do with a connection that cannot even close.
    }
  }

  /** The upstream closed the connection before answering: a pooled connection it let go. */
  static final class ClosedByUpstreamException extends IOException {
    ClosedByUpstreamException() {
      super("connection closed by upstream");
    }
  }
}
