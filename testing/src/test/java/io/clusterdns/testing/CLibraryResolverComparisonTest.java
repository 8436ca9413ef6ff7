package io.clusterdns.testing;

import static io.clusterdns.testing.Kube.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clusterdns.config.PodResolvConf;
import io.clusterdns.config.ResolvConf;
import io.clusterdns.testing.Resolution.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/**
 * Each C library's model against the library itself: the same {@code getaddrinfo} probe
 * (src/test/resources/probes/getaddrinfo.c) is built with musl ({@code musl-gcc -static}) and
 * with glibc ({@code cc}), and run in a private mount namespace whose /etc/resolv.conf names a
 * test server on port 53 of a loopback address of its own. For every name form, pod
 * configuration and fault, the server's query log must show the same queries in the same order
 * for the probe and for the model, and both must end the same way. Needs root (port 53 and
 * {@code unshare -m}).
 */
class CLibraryResolverComparisonTest {
  private static final Map<String, ResolvConf> CONFIGS = configs();

  private static Path work;
  private static TestServer server;
  private static Map<Library, Path> probes;

  /** A C library: its model, and how its getaddrinfo error codes read as outcomes. */
  enum Library {
    /** musl 1.2.3 reports a name without records of the family as EAI_NONAME, not EAI_NODATA. */
    MUSL(ResolverBehaviour.MUSL, "musl-gcc", "-static", "EAI_NONAME"),
    GLIBC(ResolverBehaviour.SEARCH_LIST, "cc", "-O1", "EAI_NODATA");

    final ResolverBehaviour behaviour;
    final String compiler;
    final String flag;
    final String nodata;

    Library(ResolverBehaviour behaviour, String compiler, String flag, String nodata) {
      this.behaviour = behaviour;
      this.compiler = compiler;
      this.flag = flag;
      this.nodata = nodata;
    }

    /**
     * Whether the lookup's last query itself failed. Seen on glibc 2.36: res_nsearch's TRY_AGAIN
     * for a SERVFAIL earlier in the search list reaches getaddrinfo's caller as EAI_AGAIN only
     * then; after a later NXDOMAIN it is EAI_NONAME.
     */
    private static boolean lastFailed(Resolution resolution) {
      Exchange last = resolution.exchanges().get(resolution.exchanges().size() - 1);
      return last.timedOut() || last.rcode() == org.xbill.DNS.Rcode.SERVFAIL;
    }

    /** What the probe prints for a lookup with this outcome. */
    String expected(Resolution resolution) {
      return switch (resolution.outcome()) {
        case ANSWER -> "ANSWER " + resolution.addresses().stream().map(InetAddress::getHostAddress)
.collect(Collectors.joining(","));
        case NXDOMAIN -> "ERROR EAI_NONAME";
        case NODATA -> "ERROR " + nodata;
        case SERVFAIL, TIMEOUT -> this == GLIBC && !lastFailed(resolution) ? "ERROR EAI_NONAME" : "ERROR EAI_AGAIN";
        case REFUSED -> "ERROR EAI_FAIL";
      };
    }
  }

  private static Map<String, ResolvConf> configs() {
    Map<String, ResolvConf> configs = new LinkedHashMap<>();
    configs.put("ndots:5", pod(List.of(), Map.of()));
    configs.put("ndots:1", pod(List.of(), Map.of("ndots", "1")));
    configs.put("single-request", pod(List.of(), Map.of("single-request", "")));
    configs.put("six search domains", pod(List.of("corp.example", "eu.corp.example", "example.org"), Map.of()));
    return configs;
  }

  /** A pod in {@code default} giving up fast: one second, two attempts. */
  private static ResolvConf pod(List<String> searches, Map<String, String> options) {
    Map<String, String> all = new LinkedHashMap<>(Map.of("timeout", "1", "attempts", "2"));
    all.putAll(options);
    return PodResolvConf.pod().namespace("default")
        .dnsConfig(new PodResolvConf.DnsConfig(List.of(), searches, all)).build();
  }

  @BeforeAll
  static void buildProbesAndStartServer() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: port 53 and unshare -m");
    work = Files.createTempDirectory("resolver-probes-");
    Path source = work.resolve("getaddrinfo.c");
    try (InputStream in = CLibraryResolverComparisonTest.class.getResourceAsStream("/probes/getaddrinfo.c")) {
      Files.copy(in, source);
    }
    probes = new LinkedHashMap<>();
    for (Library library : Library.values()) {
      Path binary = work.resolve("getaddrinfo-" + library.name().toLowerCase());
      run(List.of(library.compiler, library.flag, "-o", binary.toString(), source.toString()));
      probes.put(library, binary);
    }
    Files.writeString(work.resolve("nsswitch.conf"), "hosts: dns\n");
    long seed = System.nanoTime();
    System.out.println("loopback address seed: " + seed);
    Random random = new Random(seed);
    InetAddress address = InetAddress.getByAddress(
        new byte[] {127, 53, (byte) (1 + random.nextInt(250)), (byte) (1 + random.nextInt(250))});
    server = TestServer.start(new Declaration(List.of(
            service("web").namespace("default").clusterIp("10.96.0.20"),
            service("api").namespace("shop").clusterIp("10.96.0.30"),
            service("v6").namespace("default").clusterIp("fd00::20")),
        List.of(), CONFIGS.get("ndots:5"), ResolverBehaviour.MUSL),
        CLibraryResolverComparisonTest.class.getClassLoader(), new InetSocketAddress(address, 53));
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Name forms × pod configurations × libraries; a fault pattern (SERVFAIL) or none. */
  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    String[][] forms = {
        {"svc", "web", "A", ""},
        {"svc.ns", "api.shop", "A", ""},
        {"svc.ns.svc", "api.shop.svc", "A", ""},
        {"full name", "api.shop.svc.cluster.local", "A", ""},
        {"trailing dot", "api.shop.svc.cluster.local.", "A", ""},
        {"external name", "example.com", "A", ""},
        {"more dots than ndots", "a.b.c.d.e.f.example.com", "A", ""},
        {"missing name", "missing", "A", ""},
        {"IPv6-only Service, A", "v6", "A", ""},
        {"IPv6-only Service, AAAA", "v6", "AAAA", ""},
        {"first candidate SERVFAIL", "web", "A", "web.default.svc.cluster.local"},
    };
    for (Library library : Library.values()) {
      for (String config : CONFIGS.keySet()) {
        for (String[] form : forms) {
          cases.add(Arguments.of(library, config, form[0], form[1], form[2], form[3]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}: {2} ({3} {4})")
  @MethodSource("cases")
  void theModelSendsWhatTheLibrarySendsAndEndsTheSame(
      Library library, String config, String form, String name, String type, String servfail) throws Exception {
    ResolvConf conf = CONFIGS.get(config);
    int qtype = Type.value(type);

    List<String> sentByLibrary = new ArrayList<>();
    String printed = withFault(servfail, sentByLibrary,
        () -> probe(library, conf, name, qtype == Type.AAAA ? "6" : "4"));
    List<String> sentByModel = new ArrayList<>();
    Resolution modelled = withFault(servfail, sentByModel,
        () -> server.resolver(conf, library.behaviour).lookup(name, qtype));

    assertEquals(sentByLibrary, sentByModel, "queries of " + library + " (first) and of the model (second); model: "
        + modelled.exchanges());
    assertEquals(printed, library.expected(modelled), "result; model: " + modelled.exchanges());
  }

  private interface Action<T> {
    T run() throws Exception;
  }

  /** Runs {@code action} against a server with only this fault, and collects the queries it sent. */
  private static <T> T withFault(String servfail, List<String> sent, Action<T> action) throws Exception {
    server.clearFaults();
    if (!servfail.isEmpty()) {
      server.inject(Fault.on(servfail).servfail());
    }
    server.clearQueries();
    T result = action.run();
    server.queries().forEach(q -> sent.add(q.name() + " " + q.typeName() + " " + q.transport().label()));
    return result;
  }

  /** The probe's one line, run with a resolv.conf naming the test server. */
  private static String probe(Library library, ResolvConf conf, String name, String family) throws Exception {
    Path resolvConf = work.resolve("resolv.conf");
    ResolvConf pointed = new ResolvConf(
        List.of(server.udpAddress().getAddress().getHostAddress()), conf.search(), conf.options());
    Files.writeString(resolvConf, pointed.text());
    String script = "mount --make-rprivate / && mount --bind \"$1\" /etc/resolv.conf"
        + " && mount --bind \"$2\" /etc/nsswitch.conf && exec \"$3\" \"$4\" \"$5\"";
    return normalised(run(List.of("unshare", "-m", "sh", "-c", script, "sh", resolvConf.toString(),
        work.resolve("nsswitch.conf").toString(), probes.get(library).toString(), family, name)).strip());
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  /** The probe's line with each address as Java spells it (inet_ntop shortens IPv6). */
  private static String normalised(String printed) throws IOException {
    if (!printed.startsWith("ANSWER ")) {
      return printed;
    }
    List<String> addresses = new ArrayList<>();
    for (String literal : printed.substring("ANSWER ".length()).split(",")) {
      addresses.add(InetAddress.getByName(literal).getHostAddress());
    }
    return "ANSWER " + String.join(",", addresses);
  }
}
