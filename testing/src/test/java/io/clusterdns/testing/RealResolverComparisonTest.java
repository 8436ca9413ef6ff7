package io.clusterdns.testing;

import io.clusterdns.resolver.ResolverBehaviour;
import io.clusterdns.resolver.Exchange;
import io.clusterdns.resolver.Resolution;
import static io.clusterdns.testing.Kube.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clusterdns.config.PodResolvConf;
import io.clusterdns.config.ResolvConf;
import io.clusterdns.resolver.Resolution.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.xbill.DNS.Address;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Each resolver model against the resolver itself: the same {@code getaddrinfo} probe
 * (src/test/resources/probes/getaddrinfo.c) is built with musl ({@code musl-gcc -static}) and
 * with glibc ({@code cc}), a c-ares probe (ares.c, {@code ares_getaddrinfo}) with {@code cc
 * -lcares}, and a Go probe (lookup.go, {@code PreferGo}) with {@code go build};
 * each is run in a private mount namespace whose /etc/resolv.conf names a
 * test server on port 53 of a loopback address of its own. For every name form, pod
 * configuration and fault, the server's query log must show the same queries in the same order
 * for the probe and for the model, and both must end the same way. Needs root (port 53 and
 * {@code unshare -m}).
 */
class RealResolverComparisonTest {
  private static final Map<String, ResolvConf> CONFIGS = configs();

  private static Path work;
  static TestServer server;
  private static Map<Library, Path> probes;

  /** A real resolver: its probe, how to build it, its model, and how it prints each outcome. */
  enum Library {
    /** musl 1.2.3 reports a name without records of the family as EAI_NONAME, not EAI_NODATA. */
    MUSL(ResolverBehaviour.MUSL, "getaddrinfo.c") {
      @Override
      List<String> build(Path source, Path binary) {
        return List.of("musl-gcc", "-static", "-o", binary.toString(), source.toString());
      }

      @Override
      String error(Resolution resolution) {
        // musl waits out replies other than NOERROR and NXDOMAIN, so every failure is EAI_AGAIN.
        return switch (resolution.outcome()) {
          case NXDOMAIN, NODATA -> "EAI_NONAME";
          default -> "EAI_AGAIN";
        };
      }
    },
    GLIBC(ResolverBehaviour.SEARCH_LIST, "getaddrinfo.c") {
      @Override
      List<String> build(Path source, Path binary) {
        return List.of("cc", "-o", binary.toString(), source.toString());
      }

      /**
       * Seen on glibc 2.36: res_nsearch's TRY_AGAIN for a SERVFAIL earlier in the search list
       * reaches getaddrinfo's caller as EAI_AGAIN only when the last query failed too; after a
       * later NXDOMAIN it is EAI_NONAME.
       */
      /** Seen on glibc 2.36: with AF_UNSPEC, res_nsearch's TRY_AGAIN is EAI_AGAIN whatever came after. */
      @Override
      String errorOfAddresses(Resolution resolution) {
        return switch (resolution.outcome()) {
          case NXDOMAIN -> "EAI_NONAME";
          case NODATA -> "EAI_NODATA";
          case SERVFAIL, TIMEOUT -> "EAI_AGAIN";
          default -> "EAI_FAIL";
        };
      }

      @Override
      String error(Resolution resolution) {
        Exchange last = resolution.exchanges().get(resolution.exchanges().size() - 1);
        boolean lastFailed = last.timedOut() || last.rcode() == Rcode.SERVFAIL;
        return switch (resolution.outcome()) {
          case NXDOMAIN -> "EAI_NONAME";
          case NODATA -> "EAI_NODATA";
          case SERVFAIL, TIMEOUT -> lastFailed ? "EAI_AGAIN" : "EAI_NONAME";
          default -> "EAI_FAIL";
        };
      }
    },
    C_ARES(ResolverBehaviour.C_ARES, "ares.c") {
      @Override
      List<String> build(Path source, Path binary) {
        return List.of("cc", "-o", binary.toString(), source.toString(), "-lcares");
      }

      @Override
      String error(Resolution resolution) {
        return switch (resolution.outcome()) {
          case NXDOMAIN -> "ARES_ENOTFOUND";
          case NODATA -> "ARES_ENODATA";
          // Seen on c-ares 1.18.1: a candidate whose every try was SERVFAIL or REFUSED ends as
          // ECONNREFUSED.
          case SERVFAIL, REFUSED -> "ARES_ECONNREFUSED";
          default -> "ARES_ETIMEOUT";
        };
      }
    },
    /** c-ares's ares_search (ares.c in its s4/s6 mode): as ares_getaddrinfo but for a trailing dot. */
    C_ARES_SEARCH(ResolverBehaviour.C_ARES_SEARCH, "ares.c") {
      @Override
      List<String> build(Path source, Path binary) {
        return C_ARES.build(source, binary);
      }

      @Override
      String real(ResolvConf conf, String name, int type) throws Exception {
        return probe(this, conf, name, type == Type.AAAA ? "s6" : "s4");
      }

      @Override
      String error(Resolution resolution) {
        return C_ARES.error(resolution);
      }
    },
    /** dnsjava itself, in this JVM: Lookup as ResolverConfig would set it up from the pod's file. */
    DNSJAVA(ResolverBehaviour.DNSJAVA, null) {
      @Override
      List<String> build(Path source, Path binary) {
        throw new UnsupportedOperationException("dnsjava runs in this JVM");
      }

      @Override
      String real(ResolvConf conf, String name, int type) throws Exception {
        Lookup lookup = new Lookup(name, type);
        lookup.setCache(new Cache());
        lookup.setNdots(conf.ndots());
        lookup.setSearchPath(conf.search().toArray(String[]::new));
        ExtendedResolver resolver = new ExtendedResolver(List.of(new SimpleResolver(server.udpAddress())));
        resolver.setTimeout(Duration.ofSeconds(conf.timeout()));
        lookup.setResolver(resolver);
        Record[] records = lookup.run();
        if (lookup.getResult() == Lookup.SUCCESSFUL) {
          List<String> addresses = new ArrayList<>();
          for (Record record : records) {
            addresses.add(record.rdataToString());
          }
          return "ANSWER " + String.join(",", addresses);
        }
        return "ERROR " + resultName(lookup.getResult());
      }

      /** Address.getAllByName, with Lookup's defaults set as ResolverConfig would from the pod's file. */
      @Override
      String realAddresses(ResolvConf conf, String name) throws Exception {
        ExtendedResolver resolver = new ExtendedResolver(List.of(new SimpleResolver(server.udpAddress())));
        resolver.setTimeout(Duration.ofSeconds(conf.timeout()));
        Lookup.setDefaultResolver(resolver);
        Lookup.setDefaultSearchPath(conf.search().toArray(String[]::new));
        Lookup.setDefaultNdots(conf.ndots());
        Lookup.setDefaultCache(new Cache(), DClass.IN);
        try {
          List<String> addresses = new ArrayList<>();
          for (InetAddress address : Address.getAllByName(name)) {
            addresses.add(address.getHostAddress());
          }
          return "ANSWER " + String.join(",", addresses);
        } catch (UnknownHostException e) {
          // "<name> could not be resolved: " and the A lookup's Lookup.getErrorString(): the
          // rcode of a bad response, else the text of the result.
          String reason = e.getMessage().substring(e.getMessage().lastIndexOf(": ") + 2);
          return "ERROR " + reason.toUpperCase(java.util.Locale.ROOT).replace(' ', '_');
        } finally {
          Lookup.refreshDefault();
        }
      }

      @Override
      String errorOfAddresses(Resolution resolution) {
        return switch (resolution.outcome()) {
          case NXDOMAIN -> "HOST_NOT_FOUND";
          case NODATA -> "TYPE_NOT_FOUND";
          case TIMEOUT -> "TIMED_OUT";
          default -> resolution.outcome().name();
        };
      }

      @Override
      String error(Resolution resolution) {
        return switch (resolution.outcome()) {
          case NXDOMAIN -> "HOST_NOT_FOUND";
          case NODATA -> "TYPE_NOT_FOUND";
          // dnsjava 3.7 reports a timeout and a SERVFAIL alike.
          default -> "TRY_AGAIN";
        };
      }
    },
    GO(ResolverBehaviour.GO, "lookup.go") {
      /** A static binary of the standard library only: no module, no network, caches in the work directory. */
      @Override
      List<String> build(Path source, Path binary) {
        return List.of("env", "CGO_ENABLED=0", "GO111MODULE=off", "GOFLAGS=", "GOPROXY=off",
            "GOCACHE=" + source.resolveSibling("gocache"), "GOPATH=" + source.resolveSibling("gopath"),
            "HOME=" + source.getParent(), "go", "build", "-o", binary.toString(), source.toString());
      }

      @Override
      String error(Resolution resolution) {
        return switch (resolution.outcome()) {
          case NXDOMAIN, NODATA -> "NOTFOUND";
          case TIMEOUT -> "TIMEOUT";
          case SERVFAIL -> "TEMPORARY";
          default -> "OTHER";
        };
      }
    };

    final ResolverBehaviour behaviour;
    final String source;

    Library(ResolverBehaviour behaviour, String source) {
      this.behaviour = behaviour;
      this.source = source;
    }

    /** The command that builds the probe {@code binary} from its {@code source}. */
    abstract List<String> build(Path source, Path binary);

    /** What the real resolver prints for the lookup: the probe's line, by default. */
    String real(ResolvConf conf, String name, int type) throws Exception {
      return probe(this, conf, name, type == Type.AAAA ? "6" : "4");
    }

    /** What the real resolver prints for a lookup of both A and AAAA: the probe's line, by default. */
    String realAddresses(ResolvConf conf, String name) throws Exception {
      return probe(this, conf, name, "0");
    }

    /** What the real resolver prints after ERROR for a lookup of both A and AAAA without an answer. */
    String errorOfAddresses(Resolution resolution) {
      return error(resolution);
    }

    /** What the probe prints after ERROR for a lookup without an answer. */
    abstract String error(Resolution resolution);

    /** What the probe prints for the lookup the model made. */
    String expected(Resolution resolution) {
      return resolution.outcome() == Outcome.ANSWER
          ? "ANSWER " + resolution.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(","))
          : "ERROR " + error(resolution);
    }
  }

  private static Map<String, ResolvConf> configs() {
    Map<String, ResolvConf> configs = new LinkedHashMap<>();
    configs.put("ndots:5", pod(List.of(), Map.of()));
    configs.put("ndots:1", pod(List.of(), Map.of("ndots", "1")));
    configs.put("single-request", pod(List.of(), Map.of("single-request", "")));
    configs.put("six search domains", pod(List.of("corp.example", "eu.corp.example", "example.org"), Map.of()));
    // One attempt of a second for every library: c-ares 1.18 reads retrans (ms) and retry only.
    configs.put("one attempt", pod(List.of(), Map.of("attempts", "1", "retrans", "1000", "retry", "1")));
    configs.put("two attempts", pod(List.of(), Map.of("retrans", "1000", "retry", "2")));
    return configs;
  }

  /** A pod in {@code default} giving up fast (one second, two attempts) unless told otherwise. */
  static ResolvConf pod(List<String> searches, Map<String, String> options) {
    Map<String, String> all = new LinkedHashMap<>(Map.of("timeout", "1", "attempts", "2"));
    all.putAll(options);
    return PodResolvConf.pod().namespace("default")
        .dnsConfig(new PodResolvConf.DnsConfig(List.of(), searches, all)).build();
  }

  @BeforeAll
  static void buildProbesAndStartServer() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: port 53 and unshare -m");
    buildProbes();
    startServer();
  }

  /**
   * Builds the probes once per test JVM (a cold {@code go build} takes many seconds), in a
   * directory removed when the JVM exits.
   */
  private static synchronized void buildProbes() throws Exception {
    if (probes != null) {
      return;
    }
    work = Files.createTempDirectory("resolver-probes-");
    Path built = work;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (Stream<Path> files = Files.walk(built)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("could not remove " + built + ": " + e);
      }
    }));
    Map<Library, Path> binaries = new LinkedHashMap<>();
    for (Library library : Library.values()) {
      if (library.source == null) {
        continue;
      }
      Path source = work.resolve(library.source);
      if (!Files.exists(source)) {
        try (InputStream in = RealResolverComparisonTest.class.getResourceAsStream("/probes/" + library.source)) {
          Files.copy(in, source);
        }
      }
      Path binary = work.resolve("probe-" + library.name().toLowerCase());
      run(library.build(source, binary));
      binaries.put(library, binary);
    }
    Files.writeString(work.resolve("nsswitch.conf"), "hosts: dns\n");
    probes = binaries;
  }

  /** The test server on port 53 of a loopback address of its own, serving web, api.shop and v6. */
  static void startServer() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: port 53 and unshare -m");
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
        RealResolverComparisonTest.class.getClassLoader(), new InetSocketAddress(address, 53));
  }

  /** Stops the server; {@link RealResolverFaultComparisonTest} and the others start their own. */
  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /**
   * Name forms × pod configurations × libraries, each with the name its fault applies to (empty:
   * none) and the fault: {@code servfail}, {@code refused}, {@code truncate} (a UDP reply without
   * records, with TC), {@code lame} (an empty NOERROR without AA and RA), {@code drop} (no
   * reply) or {@code drop once} (no reply to the first query only). Faults run in {@link RealResolverFaultComparisonTest}, and unanswered queries in
   * {@link RealResolverTimeoutComparisonTest}, to keep each class short.
   */
  static Stream<Arguments> cases() {
    return table().filter(c -> ((String) c.get()[5]).isEmpty() && !c.get()[1].toString().endsWith(" attempt")
        && !c.get()[1].toString().endsWith(" attempts"));
  }

  /** The faulty cases with a reply: SERVFAIL, REFUSED, truncated and lame, under ndots:5. */
  static Stream<Arguments> faults() {
    return table().filter(c -> !((String) c.get()[5]).isEmpty() && !c.get()[6].toString().startsWith("drop")
        && c.get()[1].equals("ndots:5"));
  }

  /** The first candidate without a reply, under one attempt of a second. */
  static Stream<Arguments> timeouts() {
    return table().filter(c -> c.get()[6].equals("drop") && c.get()[1].equals("one attempt"));
  }

  /** The first query without a reply, under two attempts of a second. */
  static Stream<Arguments> retries() {
    return table().filter(c -> c.get()[6].equals("drop once") && c.get()[1].equals("two attempts"));
  }

  private static Stream<Arguments> table() {
    List<Arguments> cases = new ArrayList<>();
    String[][] forms = {
        {"svc", "web", "A", "", ""},
        {"svc.ns", "api.shop", "A", "", ""},
        {"svc.ns.svc", "api.shop.svc", "A", "", ""},
        {"full name", "api.shop.svc.cluster.local", "A", "", ""},
        {"trailing dot", "api.shop.svc.cluster.local.", "A", "", ""},
        {"external name", "example.com", "A", "", ""},
        {"more dots than ndots", "a.b.c.d.e.f.example.com", "A", "", ""},
        {"missing name", "missing", "A", "", ""},
        {"IPv6-only Service, A", "v6", "A", "", ""},
        {"IPv6-only Service, AAAA", "v6", "AAAA", "", ""},
        {"first candidate SERVFAIL", "web", "A", "web.default.svc.cluster.local", "servfail"},
        {"first candidate REFUSED", "web", "A", "web.default.svc.cluster.local", "refused"},
        {"first candidate truncated", "web", "A", "web.default.svc.cluster.local", "truncate"},
        {"first candidate lame", "web", "A", "web.default.svc.cluster.local", "lame"},
        {"first candidate unanswered", "web", "A", "web.default.svc.cluster.local", "drop"},
        {"first query unanswered", "web", "A", "web.default.svc.cluster.local", "drop once"},
    };
    for (Library library : Library.values()) {
      for (String config : CONFIGS.keySet()) {
        for (String[] form : forms) {
          cases.add(Arguments.of(library, config, form[0], form[1], form[2], form[3], form[4]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}: {2} ({3} {4} {6})")
  @MethodSource("cases")
  void theModelSendsWhatTheLibrarySendsAndEndsTheSame(
      Library library, String config, String form, String name, String type, String faulty, String fault)
      throws Exception {
    compare(library, config, name, type, faulty, fault);
  }

  /** Runs the real resolver and the model on one case, and compares their queries and results. */
  static void compare(
      Library library, String config, String name, String type, String faulty, String fault) throws Exception {
    ResolvConf conf = CONFIGS.get(config);
    int qtype = Type.value(type);

    List<String> sentByLibrary = new ArrayList<>();
    String printed = withFault(faulty, fault, sentByLibrary,
        () -> library.real(conf, name, qtype));
    List<String> sentByModel = new ArrayList<>();
    Resolution modelled = withFault(faulty, fault, sentByModel,
        () -> server.resolver(conf, library.behaviour).lookup(name, qtype));

    assertEquals(sentByLibrary, sentByModel, "queries of " + library + " (first) and of the model (second); model: "
        + modelled.exchanges());
    assertEquals(printed, library.expected(modelled), "result; model: " + modelled.exchanges());
  }

  private interface Action<T> {
    T run() throws Exception;
  }

  /** Runs {@code action} against a server with only this fault, and collects the queries it sent. */
  private static <T> T withFault(String faulty, String fault, List<String> sent, Action<T> action)
      throws Exception {
    server.clearFaults();
    if (!faulty.isEmpty()) {
      server.inject(switch (fault) {
        case "servfail" -> Fault.on(faulty).servfail();
        case "refused" -> Fault.on(faulty).refused();
        case "truncate" -> Fault.on(faulty).truncate();
        case "lame" -> Fault.on(faulty).lame();
        case "drop once" -> Fault.on(faulty).drop().times(1);
        default -> Fault.on(faulty).drop();
      });
    }
    server.clearQueries();
    T result = action.run();
    server.queries().forEach(q -> sent.add(q.name() + " " + q.typeName() + " " + q.transport().label()));
    return result;
  }

  /** The probe's one line, run with a resolv.conf naming the test server. */
  static String probe(Library library, ResolvConf conf, String name, String family) throws Exception {
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
  private static String resultName(int result) throws IllegalAccessException {
    for (String name : List.of("SUCCESSFUL", "UNRECOVERABLE", "TRY_AGAIN", "HOST_NOT_FOUND", "TYPE_NOT_FOUND")) {
      try {
        if (Lookup.class.getField(name).getInt(null) == result) {
          return name;
        }
      } catch (NoSuchFieldException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("unknown Lookup result " + result);
  }

  static String normalised(String printed) throws IOException {
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
