package io.clusterdns.server.e2e;

import static org.awaitility.Awaitility.await;

import io.clusterdns.server.FreePorts;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The runnable jar started as its own process, as a user starts it. */
public final class JarProcess implements AutoCloseable {
  public static final Path JAR = Path.of("target", "clusterdns.jar");

  private final Process process;
  private final Path log;
  final int port;

  private JarProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the jar with {@code args} and waits until it answers {@code probeName} over UDP. The
   * port is free when picked ({@link FreePorts}); should another process bind it before the
   * server does, the server says so and exits, and it starts again on a port not tried before.
   */
  static JarProcess start(Path workDir, String probeName, String... args) throws IOException {
    return start(workDir, List.of(), Map.of(), probeName, args);
  }

  /**
   * As {@link #start(Path, String, String...)}, with {@code jvmOptions} before {@code -jar} and
   * {@code environment} added to this JVM's.
   */
  static JarProcess start(Path workDir, List<String> jvmOptions, Map<String, String> environment,
      String probeName, String... args) throws IOException {
    Set<Integer> taken = new HashSet<>();
    for (int attempt = 1; ; attempt++) {
      int port = FreePorts.udpAndTcp();
      while (taken.contains(port)) {
        port = FreePorts.udpAndTcp();
      }
      try {
        return startOnPort(port, workDir, jvmOptions, environment, probeName, args);
      } catch (PortTakenException e) {
        taken.add(port);
        if (attempt == 5) {
          throw new IllegalStateException(e.getMessage());
        }
      }
    }
  }

  private static JarProcess startOnPort(int port, Path workDir, List<String> jvmOptions,
      Map<String, String> environment, String probeName, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-dns.port", Integer.toString(port)));
    Path log = Files.createTempFile(workDir, "clusterdns", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    JarProcess jar = new JarProcess(process, log, port);
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
          .until(() -> {
            if (!process.isAlive()) {
              String output = jar.output();
              if (output.contains("Address already in use")) {
                throw new PortTakenException("server exited: " + output);
              }
              throw new IllegalStateException("server exited: " + output);
            }
            return jar.answers(probeName);
          });
    } catch (RuntimeException e) {
      jar.close();
      throw e;
    }
    return jar;
  }

  private boolean answers(String name) {
    try {
      SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
      resolver.setTimeout(Duration.ofMillis(300));
      Message reply = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
      return reply != null;
    } catch (IOException e) {
      return false;
    }
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** Runs a client command (dig, kdig, …) and returns what it printed. */
  static String run(String... command) throws IOException, InterruptedException {
    return run(Duration.ofSeconds(20), command);
  }

  /** Runs a command to its end, at most {@code limit}, and returns its output. */
  public static String run(Duration limit, String... command) throws IOException, InterruptedException {
    Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!client.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      client.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish");
    }
    return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }


  /** The process's PID, as its starter knows it. */
  long pid() {
    return process.pid();
  }

  /** Sends SIGTERM, as the kubelet does to stop a pod. */
  void terminate() {
    process.destroy();
  }

  /** The exit status, once the process ended within {@code wait}; null if it still runs. */
  Integer exitStatus(Duration wait) throws InterruptedException {
    return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** The server could not bind the port picked for it. */
  private static final class PortTakenException extends IllegalStateException {
    PortTakenException(String message) {
      super(message);
    }
  }
}
