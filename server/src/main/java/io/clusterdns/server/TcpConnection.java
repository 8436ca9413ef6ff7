package io.clusterdns.server;

import io.clusterdns.plugin.Transport;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One client connection: reads length-framed queries and writes each answer when it is ready. */
final class TcpConnection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpConnection.class);

  private final Socket socket;
  private final QueryProcessor processor;
  private final Executor workers;
  private final TcpListener.TcpSettings settings;
  private final Consumer<TcpConnection> onClose;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object writeLock = new Object();
  private volatile boolean reading = true;

  TcpConnection(
      Socket socket,
      QueryProcessor processor,
      Executor workers,
      TcpListener.TcpSettings settings,
      Consumer<TcpConnection> onClose) {
    this.socket = socket;
    this.processor = processor;
    this.workers = workers;
    this.settings = settings;
    this.onClose = onClose;
  }

  @Override
  public void run() {
    InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
    try {
      socket.setSoTimeout(settings.idleTimeoutMillis());
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (reading) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (SocketTimeoutException e) {
          if (inFlight.get() > 0) {
            continue;
          }
          break;
        }
        byte[] query = new byte[length];
        in.readFully(query);
        inFlight.incrementAndGet();
        try {
          workers.execute(() -> answer(query, remote, out));
        } catch (RejectedExecutionException e) {
          inFlight.decrementAndGet();
          break;
        }
      }
    } catch (EOFException e) {
      LOG.trace("{} closed its connection", remote);
    } catch (IOException e) {
      LOG.debug("TCP connection from {}: {}", remote, e.toString());
    } finally {
      reading = false;
      if (inFlight.get() == 0) {
        close();
      }
    }
  }

  private void answer(byte[] query, InetSocketAddress remote, OutputStream out) {
    try {
      byte[] reply = processor.process(query, query.length, remote, Transport.TCP, null);
      if (reply != null) {
        byte[] framed = new byte[reply.length + 2];
        framed[0] = (byte) (reply.length >>> 8);
        framed[1] = (byte) reply.length;
        System.arraycopy(reply, 0, framed, 2, reply.length);
        synchronized (writeLock) {
          out.write(framed);
          out.flush();
        }
      }
    } catch (IOException e) {
      LOG.debug("TCP reply to {} failed: {}", remote, e.toString());
    } finally {
      if (inFlight.decrementAndGet() == 0 && !reading) {
        close();
      }
    }
  }

  /** Reads no further query; the ones already read are still answered. */
  void stopReading() {
    reading = false;
    try {
      socket.shutdownInput();
    } catch (IOException e) {
      LOG.trace("shutting input of {}: {}", socket, e.toString());
    }
  }

  void close() {
    reading = false;
    try {
      socket.close();
    } catch (IOException e) {
      LOG.trace("closing {}: {}", socket, e.toString());
    }
    onClose.accept(this);
  }
}
