package io.clusterdns.server.cli;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.server.ClusterDns;
import io.clusterdns.server.CorefileProblems;
import io.clusterdns.server.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line, with CoreDNS's flags where the two overlap. */
@Command(
    name = "clusterdns",
    sortOptions = false,
    description = {
      "A Kubernetes cluster DNS server configured by a CoreDNS Corefile.",
      "With no -conf, serves a built-in example cluster on 127.0.0.1 port 1053.",
      "Started without JVM memory or collector flags, it restarts itself once with those of a"
          + " bounded footprint (README, \"Memory budgets\"); -Dclusterdns.jvm.flags=keep does not."
    })
public final class Main implements Callable<Integer> {
  /** A value picocli's Integer conversion reads the same way, without sign or overflow. */
  private static final Pattern PLAIN_INT = Pattern.compile("[0-9]{1,9}");

  @Option(names = "-conf", paramLabel = "FILE", description = "Corefile to load.")
  private Path conf;

  @Option(names = "-dns.port", paramLabel = "PORT",
      description = "Port for zones that name none (default 53; 1053 for the built-in example).")
  private Integer port;

  @Option(names = "-dns.udp_threads", paramLabel = "N",
      description = "Threads per port for UDP queries, most of them waiting for upstreams (forward);"
          + " when all wait, a query that must wait too is REFUSED (default 256).")
  private Integer udpThreads;

  @Option(names = "-validate", description = "Parse the Corefile and set up every plugin; print each problem; exit 0 or 1.")
  private boolean validate;

  @Option(names = "-plugins", description = "List the compiled-in plugins in execution order and exit.")
  private boolean plugins;

  @Option(names = "-version", description = "Print the version and exit.")
  private boolean version;

  @Option(names = {"-h", "--help", "-help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  private final PrintWriter out;
  private final PrintWriter err;

  Main(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    // Before anything else loads: when it restarts the JVM, nothing of this one is kept.
    BoundedJvm.restartIfDefaulted(args);
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(args, out, err));
  }

  /**
   * Runs the command line. The arguments a server is started with (CoreDNS's {@code -conf FILE}
   * and {@code -dns.*} flags, or none) are read here without picocli: its classes are Java 5
   * class files, which class-data sharing cannot archive, and its start took a fifth of the main
   * thread's CPU time from the image's start to the first answer (README, "Run it in a
   * cluster").
   * Everything else, including every mistake, goes to picocli, which says what is wrong.
   */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Main direct = serving(args, out, err);
    if (direct == null) {
      return commandLine(out, err).execute(args);
    }
    StartWarmup.begin();
    try {
      return direct.call();
    } catch (Exception e) {
      return failed(e, err);
    }
  }

  /**
   * The server's arguments without picocli, or null when {@code args} are not only {@code -conf},
   * {@code -dns.port} and {@code -dns.udp_threads}, each at most once with a plain value (no
   * {@code -conf=FILE}, {@code @argument-files}, signs or values that look like flags): picocli
   * then parses them, so both read every accepted line alike.
   */
  static Main serving(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length % 2 != 0) {
      return null;
    }
    Main main = new Main(out, err);
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
        return null;
      }
      switch (args[i]) {
        case "-conf" -> {
          if (main.conf != null) {
            return null;
          }
          try {
            main.conf = Path.of(value);
          } catch (InvalidPathException e) {
            return null;
          }
        }
        case "-dns.port" -> {
          if (main.port != null || !PLAIN_INT.matcher(value).matches()) {
            return null;
          }
          main.port = Integer.valueOf(value);
        }
        case "-dns.udp_threads" -> {
          if (main.udpThreads != null || !PLAIN_INT.matcher(value).matches()) {
            return null;
          }
          main.udpThreads = Integer.valueOf(value);
        }
        default -> {
          return null;
        }
      }
    }
    return main;
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine line = new CommandLine(new Main(out, err));
    line.addSubcommand("explain", new ExplainCommand(out, err));
    line.setOut(out);
    line.setErr(err);
    line.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, err));
    return line;
  }

  /** A failure no step reported itself (a temporary directory that cannot be made): one line. */
  private static int failed(Exception e, PrintWriter err) {
    err.println(e.getMessage() != null ? e.getMessage() : e.toString());
    return 1;
  }

  @Override
  public Integer call() throws Exception {
    if (version) {
      out.println("ClusterDNS-" + Version.current());
      out.println("java/" + System.getProperty("java.version"));
      return 0;
    }
    if (plugins) {
      out.println("Server types:");
      out.println("  dns");
      out.println();
      out.println("Caddyfile loaders:");
      out.println("  flag");
      out.println("  default");
      out.println();
      out.println("Other plugins:");
      for (String name : PluginRegistry.load().names()) {
        out.println("  dns." + name);
      }
      return 0;
    }
    ClusterDns.Builder builder = ClusterDns.builder();
    BuiltInExample example = null;
    if (conf == null) {
      example = BuiltInExample.extract();
      builder.corefile(example.corefile()).environment(example::environment)
          .defaultPort(port == null ? BuiltInExample.PORT : port);
    } else {
      if (!Files.isReadable(conf)) {
        err.println("cannot read Corefile " + conf);
        return 1;
      }
      builder.corefile(conf).defaultPort(port == null ? 53 : port)
          .bindAddress(new InetSocketAddress(0).getAddress());
    }
    if (udpThreads != null) {
      if (udpThreads < 1) {
        err.println("-dns.udp_threads must be at least 1, got " + udpThreads);
        return 1;
      }
      builder.udpThreads(udpThreads);
    }
    if (validate) {
      return validate(builder);
    }
    return serve(builder, example);
  }

  /**
   * Runs the server until the JVM shuts down (0), or until a plugin finds a condition it must
   * not run with, such as the loop plugin's forwarding loop (1, after the server logged it).
   */
  int serve(ClusterDns.Builder builder, BuiltInExample example) throws IOException, InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<String> fatal = new AtomicReference<>();
    builder.onFatal(message -> {
      fatal.set(message);
      stopped.countDown();
    });
    AtomicReference<ClusterDns> running = new AtomicReference<>();
    Thread shutdown = new Thread(() -> {
      int status = 0;
      try {
        ClusterDns started = running.get();
        if (started != null) {
          started.shutdown();
        }
        if (example != null) {
          example.delete();
        }
      } catch (RuntimeException e) {
        err.println("shutdown failed: " + e);
        status = 1;
      }
      out.flush();
      err.flush();
      // A JVM ended by a signal exits 128 + its number (143 for SIGTERM); a shutdown that went as
      // planned is a success for whoever stopped us (kubelet, systemd), so say so.
      Runtime.getRuntime().halt(status);
    }, "shutdown");
    // Before the listeners are bound: a SIGTERM as soon as the server answers (a kubelet, a
    // script that waited for the first answer) must find the hook, or the JVM exits 143.
    Runtime.getRuntime().addShutdownHook(shutdown);
    Runnable loaded = HeapPolicy.whileLoading();
    ClusterDns server;
    try {
      server = builder.start();
    } catch (CorefileException e) {
      err.println(e.getMessage());
      return unhooked(shutdown);
    } catch (CorefileProblems e) {
      e.problems().forEach(p -> err.println(p.getMessage()));
      return unhooked(shutdown);
    } catch (IOException e) {
      // A port in use, a file that cannot be read: the message says which; a trace adds nothing.
      err.println(e.getMessage() != null ? e.getMessage() : e.toString());
      return unhooked(shutdown);
    }
    running.set(server);
    if (example != null) {
      out.println(example.howToQuery(server.udpAddress().getPort()));
    }
    HeapPolicy.afterStart(loaded);
    // The shutdown hook ends the process on a signal; this thread wakes only for a fatal condition.
    stopped.await();
    unhooked(shutdown);
    server.close();
    if (example != null) {
      example.delete();
    }
    return 1;
  }

  /** Takes the shutdown hook back for an exit that is not a signal's: status 1. */
  private static int unhooked(Thread shutdown) {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdown);
    } catch (IllegalStateException alreadyShuttingDown) {
      // A signal came too: its hook ends the process.
    }
    return 1;
  }

  private int validate(ClusterDns.Builder builder) {
    try {
      builder.validate();
      out.println("Corefile is valid");
      return 0;
    } catch (CorefileException e) {
      err.println(e.getMessage());
    } catch (CorefileProblems e) {
      e.problems().forEach(p -> err.println(p.getMessage()));
    }
    return 1;
  }
}
