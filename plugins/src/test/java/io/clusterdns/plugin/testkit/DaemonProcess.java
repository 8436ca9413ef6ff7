package io.clusterdns.plugin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A DNS server from Debian (nsd, unbound, knotd) run in the foreground by a test, its output in
 * a log file of its temp directory; {@link #start} waits until it answers a UDP query.
 */
public final class DaemonProcess implements AutoCloseable {
  private final List<String> command;
  private final Path log;
  private final InetSocketAddress address;
  private final Name probe;
  private Process process;

  public DaemonProcess(List<String> command, Path log, InetSocketAddress address, Name probe) {
    this.command = List.copyOf(command);
    this.log = log;
    this.address = address;
    this.probe = probe;
  }

  public InetSocketAddress address() {
    return address;
  }

  public DaemonProcess start() {
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0) + " (apt-get install it)", e);
    }
    Awaitility.await(command.get(0) + " answering on " + address)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(command.get(0) + " exited: " + logText());
          }
          return answers();
        });
    return this;
  }

  /** Stops the process and waits until it is gone, so the port is free again. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private boolean answers() {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(100);
      byte[] query = Message.newQuery(Record.newRecord(probe, Type.SOA, DClass.IN)).toWire();
      socket.send(new DatagramPacket(query, query.length, address));
      byte[] buffer = new byte[4096];
      socket.receive(new DatagramPacket(buffer, buffer.length));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
