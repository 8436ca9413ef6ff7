package io.clusterdns.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.resolver.ResolverBehaviour;
import io.clusterdns.resolver.Resolution.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/**
 * {@link ResolverBehaviour#BIND_TOOLS} and {@link ResolverBehaviour#BIND_HOST} against Debian's
 * BIND 9.18 tools (bind9-dnsutils), each run
 * in a private mount namespace whose /etc/resolv.conf names the test server of {@link
 * RealResolverComparisonTest}: {@code dig +search NAME TYPE} and {@code host -t TYPE NAME} against
 * {@code lookup}, {@code nslookup NAME} against {@code lookupAddresses}. The same queries in the
 * same order in the server's query log, and the same result (addresses sorted). Faults run in
 * {@link RealBindToolsFaultComparisonTest}. Needs root.
 */
class RealBindToolsComparisonTest {
  private static final String FIRST = "web.default.svc.cluster.local";
  private static final Pattern ADDRESS = Pattern.compile(
      "^(?:\\S+\\s+\\d+\\s+IN\\s+(?:A|AAAA)\\s+|.* has (?:IPv6 )?address |Address: )([0-9a-fA-F:.]+)$", Pattern.MULTILINE);

  private static Path resolvConf;

  /** A BIND tool: its command line for a name (and type), and how its output says it ended. */
  enum Tool {
    DIG(ResolverBehaviour.BIND_TOOLS) {
      @Override
      List<String> command(String name, String type) {
        return List.of("dig", "+search", name, type);
      }
    },
    HOST(ResolverBehaviour.BIND_HOST) {
      @Override
      List<String> command(String name, String type) {
        return List.of("host", "-t", type, name);
      }
    },
    /** Looks up A, then AAAA of the name the A walk ended on: the model's lookupAddresses. */
    NSLOOKUP(ResolverBehaviour.BIND_TOOLS) {
      @Override
      List<String> command(String name, String type) {
        return List.of("nslookup", name);
      }
    };

    final ResolverBehaviour behaviour;

    Tool(ResolverBehaviour behaviour) {
      this.behaviour = behaviour;
    }

    abstract List<String> command(String name, String type);

    /** "ANSWER" and the sorted addresses printed, or "ERROR" and how the tool says it failed. */
    static String result(String output) throws IOException {
      List<String> addresses = new ArrayList<>();
      Matcher matcher = ADDRESS.matcher(output);
      while (matcher.find()) {
        addresses.add(InetAddress.getByName(matcher.group(1)).getHostAddress());
      }
      if (!addresses.isEmpty()) {
        return "ANSWER " + String.join(",", addresses.stream().sorted().toList());
      }
      if (output.contains("no servers could be reached")) {
        return "ERROR TIMEOUT";
      }
      for (String rcode : List.of("NXDOMAIN", "SERVFAIL", "REFUSED")) {
        if (output.contains("status: " + rcode) || output.contains("(" + rcode + ")")
            || output.contains(": " + rcode + "\n")) {
          return "ERROR " + rcode;
        }
      }
      if (output.contains("status: NOERROR") || output.contains(" has no ") || output.contains("No answer")) {
        return "ERROR NODATA";
      }
      throw new AssertionError("no result in:\n" + output);
    }
  }

  @BeforeAll
  static void startServer() throws Exception {
    RealResolverComparisonTest.startServer();
    resolvConf = Files.createTempFile("bind-tools-", ".resolv.conf");
  }

  @AfterAll
  static void stop() throws IOException {
    RealResolverComparisonTest.stop();
    if (resolvConf != null) {
      Files.deleteIfExists(resolvConf);
      resolvConf = null;
    }
  }

  /**
   * Name forms × pod configurations × tools. {@code single-request} is left out: it is glibc's,
   * and the tools do not read it.
   */
  static Stream<Arguments> cases() {
    String[][] forms = {
        {"svc", "web", "A"},
        {"svc.ns", "api.shop", "A"},
        {"svc.ns.svc", "api.shop.svc", "A"},
        {"full name", "api.shop.svc.cluster.local", "A"},
        {"trailing dot", "api.shop.svc.cluster.local.", "A"},
        {"external name", "example.com", "A"},
        {"more dots than ndots", "a.b.c.d.e.f.example.com", "A"},
        {"missing name", "missing", "A"},
        {"IPv6-only Service, A", "v6", "A"},
        {"IPv6-only Service, AAAA", "v6", "AAAA"},
    };
    List<Arguments> cases = new ArrayList<>();
    for (Tool tool : Tool.values()) {
      for (String config : List.of("ndots:5", "ndots:1", "six search domains")) {
        for (String[] form : forms) {
          if (tool != Tool.NSLOOKUP || form[2].equals("A")) {
            cases.add(Arguments.of(tool, config, form[0], form[1], form[2], ""));
          }
        }
      }
    }
    return cases.stream();
  }

  /** A first candidate answering SERVFAIL or nothing, and (nslookup) one that loses its AAAA reply. */
  static Stream<Arguments> faults() {
    List<Arguments> cases = new ArrayList<>();
    for (Tool tool : Tool.values()) {
      cases.add(Arguments.of(tool, "ndots:5", "first candidate SERVFAIL", "web", "A", "servfail"));
      cases.add(Arguments.of(tool, "one attempt", "first candidate unanswered", "web", "A", "drop"));
    }
    cases.add(Arguments.of(Tool.NSLOOKUP, "one attempt", "first candidate's AAAA dropped", "web", "A", "drop AAAA"));
    return cases.stream();
  }

  /** This class's rows: {@link #cases}; {@link RealBindToolsFaultComparisonTest} hides it. */
  static Stream<Arguments> rows() {
    return cases();
  }

  @ParameterizedTest(name = "{0} {1}: {2} ({3} {4} {5})")
  @MethodSource("rows")
  void theModelSendsWhatTheToolSendsAndEndsTheSame(
      Tool tool, String config, String form, String name, String type, String fault) throws Exception {
    compare(tool, config, name, type, fault);
  }

  /** Runs the tool and the model on one case, and compares their queries and results. */
  static void compare(Tool tool, String config, String name, String type, String fault) throws Exception {
    ResolvConf conf = RealResolverAddressComparisonTest.CONFIGS.get(config);
    TestServer server = RealResolverComparisonTest.server;
    inject(server, fault);
    String printed = Tool.result(run(conf, tool.command(name, type)));
    List<String> sentByTool = sent(server);

    inject(server, fault);
    String expected;
    List<io.clusterdns.resolver.Exchange> exchanges;
    if (tool == Tool.NSLOOKUP) {
      var modelled = server.resolver(conf, tool.behaviour).lookupAddresses(name);
      expected = modelled.outcome() == Outcome.ANSWER
          ? "ANSWER " + String.join(",", modelled.addresses().stream().map(InetAddress::getHostAddress).sorted().toList())
          : "ERROR " + modelled.outcome();
      exchanges = modelled.exchanges();
    } else {
      var modelled = server.resolver(conf, tool.behaviour).lookup(name, Type.value(type));
      expected = modelled.outcome() == Outcome.ANSWER
          ? "ANSWER " + String.join(",", modelled.addresses().stream().map(InetAddress::getHostAddress).sorted().toList())
          : "ERROR " + modelled.outcome();
      exchanges = modelled.exchanges();
    }
    assertEquals(sentByTool, sent(server), "queries of " + tool + " (first) and of the model (second); model: " + exchanges);
    assertEquals(printed, expected, "result; model: " + exchanges);
  }

  private static void inject(TestServer server, String fault) {
    server.clearFaults();
    switch (fault) {
      case "" -> { }
      case "servfail" -> server.inject(Fault.on(FIRST).servfail());
      case "drop" -> server.inject(Fault.on(FIRST).drop());
      case "drop AAAA" -> server.inject(Fault.on(FIRST).type(Type.AAAA).drop());
      default -> throw new IllegalArgumentException("unknown fault " + fault);
    }
    server.clearQueries();
  }

  private static List<String> sent(TestServer server) {
    return server.queries().stream().map(q -> q.name() + " " + q.typeName() + " " + q.transport().label()).toList();
  }

  /** The tool's output, run with a resolv.conf naming the test server. */
  private static String run(ResolvConf conf, List<String> tool) throws Exception {
    ResolvConf pointed = new ResolvConf(List.of(RealResolverComparisonTest.server.udpAddress().getAddress()
        .getHostAddress()), conf.search(), conf.options());
    Files.writeString(resolvConf, pointed.text());
    List<String> command = new ArrayList<>(List.of("unshare", "-m", "sh", "-c",
        "mount --make-rprivate / && mount --bind \"$1\" /etc/resolv.conf && shift && exec \"$@\"", "sh",
        resolvConf.toString()));
    command.addAll(tool);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end: " + output);
    }
    return output;
  }
}
