package io.clusterdns.server.cli;

import io.clusterdns.config.Corefile;
import io.clusterdns.config.CorefileException;
import io.clusterdns.config.CorefileParser;
import io.clusterdns.config.IpLiteral;
import io.clusterdns.config.SourceDigest;
import io.clusterdns.plugin.explain.ExplainQuestion;
import io.clusterdns.plugin.explain.Explanation;
import io.clusterdns.plugin.explain.ResolverNames;
import io.clusterdns.resolver.ResolverBehaviour;
import io.clusterdns.server.ClusterDns;
import io.clusterdns.server.CorefileProblems;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clusterdns explain NAME}: runs the Corefile in this process on an ephemeral loopback
 * port and prints why NAME does or does not resolve for a client (see {@link
 * io.clusterdns.plugin.explain.Explainer}). Exit status 0 when the name resolved, 1 when it did
 * not or the server could not start, 2 for a usage error.
 */
@Command(
    name = "explain",
    sortOptions = false,
    description = {
      "Shows each name a client's resolver tries for NAME, the server's answer to each, and why.",
      "Runs the Corefile's first port on 127.0.0.1 (an ephemeral port), without health, ready,"
          + " prometheus, bind, reload, loop and explain; with no -conf, the built-in example.",
      "Exit status: 0 resolved, 1 not resolved (or the server did not start), 2 usage error."
    })
final class ExplainCommand implements Callable<Integer> {
  static final int NOT_RESOLVED = 1;
  static final int USAGE = 2;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  @Option(names = "-conf", paramLabel = "FILE", description = "Corefile to load (default: the built-in example).")
  private Path conf;

  @Option(names = "--namespace", paramLabel = "NS",
      description = "The client's namespace (default: default, or the namespace of the Pod at --pod-ip).")
  private String namespace;

  @Option(names = "--pod-ip", paramLabel = "IP",
      description = "The client's Pod address: queries come from it (autopath), and its namespace from the"
          + " cluster view (kubernetes with pods verified) unless --namespace is given.")
  private String podIp;

  @Option(names = "--resolver", paramLabel = "NAME", defaultValue = "glibc",
      description = "The client's resolver: ${COMPLETION-CANDIDATES} (default: glibc).",
      completionCandidates = ResolverChoices.class)
  private String resolver;

  @Option(names = "--type", paramLabel = "TYPE", defaultValue = "A", description = "Query type (default: A).")
  private String type;

  @Option(names = "--ndots", paramLabel = "N", description = "The resolv.conf's ndots (default: 5, as kubelet writes).")
  private Integer ndots;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Parameters(paramLabel = "NAME", description = "The name as the client writes it (a trailing dot makes it absolute).")
  private String name;

  private final PrintWriter out;
  private final PrintWriter err;

  ExplainCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** The resolver names, for the usage text. */
  static final class ResolverChoices implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ResolverBehaviour.values()).map(ResolverNames::name).iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    ExplainQuestion question;
    try {
      question = question();
    } catch (IllegalArgumentException e) {
      err.println("explain: " + e.getMessage());
      return USAGE;
    }
    BuiltInExample example = conf == null ? BuiltInExample.extract() : null;
    try {
      Corefile corefile;
      Path base;
      if (example != null) {
        base = Path.of("").toAbsolutePath();
        corefile = CorefileParser.parse(example.corefile(), "Corefile", base, example::environment);
      } else if (!Files.isReadable(conf)) {
        err.println("cannot read Corefile " + conf);
        return NOT_RESOLVED;
      } else {
        base = conf.toAbsolutePath().normalize().getParent();
        corefile = CorefileParser.parseFile(conf, base, System::getenv, new SourceDigest());
      }
      return explain(ClusterDns.builder().corefile(ExplainCorefile.of(corefile)).baseDirectory(base), question);
    } catch (CorefileException e) {
      err.println(e.getMessage());
      return NOT_RESOLVED;
    } finally {
      if (example != null) {
        example.delete();
      }
    }
  }

  private ExplainQuestion question() {
    int qtype = Type.value(type.toUpperCase(Locale.ROOT));
    if (qtype < 0) {
      throw new IllegalArgumentException("unknown query type '" + type + "', expected A, AAAA, SRV, PTR, TXT…");
    }
    InetAddress client = null;
    if (podIp != null) {
      client = IpLiteral.parse(podIp).orElseThrow(
          () -> new IllegalArgumentException("--pod-ip '" + podIp + "' is not an IP address"));
    }
    return new ExplainQuestion(name, qtype, ResolverNames.parse(resolver), namespace, client, ndots);
  }

  private int explain(ClusterDns.Builder builder, ExplainQuestion question) throws InterruptedException {
    try (ClusterDns dns = builder.start()) {
      try {
        dns.awaitReady(READY_TIMEOUT);
      } catch (IllegalStateException e) {
        err.println("explain: " + e.getMessage() + "; explaining from the view as it is");
      }
      Explanation explanation = dns.explain(question);
      out.print(explanation.text());
      out.flush();
      return explanation.resolved() ? 0 : NOT_RESOLVED;
    } catch (IllegalArgumentException e) {
      err.println("explain: " + e.getMessage());
      return USAGE;
    } catch (CorefileException e) {
      err.println(e.getMessage());
    } catch (CorefileProblems e) {
      e.problems().forEach(p -> err.println(p.getMessage()));
    } catch (IOException e) {
      err.println(e.getMessage() != null ? e.getMessage() : e.toString());
    }
    return NOT_RESOLVED;
  }
}
