package io.clusterdns.testing;

import static io.clusterdns.testing.RealResolverComparisonTest.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.resolver.AddressResolution;
import io.clusterdns.resolver.Resolution;
import io.clusterdns.resolver.Resolution.Outcome;
import io.clusterdns.testing.RealResolverComparisonTest.Library;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/**
 * Each model's {@code lookupAddresses} against the library's lookup of both address families
 * ({@code getaddrinfo(AF_UNSPEC)} with glibc and musl, {@code ares_getaddrinfo(AF_UNSPEC)},
 * Go's {@code LookupIP(ctx, "ip", …)}, dnsjava's {@code Address.getAllByName}), with the probes
 * and the server of {@link RealResolverComparisonTest}. The query log must hold the same queries;
 * as A and AAAA sent at once reach the server's worker threads in either order, queries for the
 * same name in a row are compared as a set (in order where the library sends them one at a time:
 * dnsjava, and glibc and Go with {@code single-request}). The addresses are compared sorted,
 * since the C libraries and Go sort them by RFC 6724 against this host's routes. Faults run in
 * {@link RealResolverAddressFaultComparisonTest} and {@link RealResolverAddressDropComparisonTest}
 * to keep each class short. Needs root, as that class.
 */
class RealResolverAddressComparisonTest extends RealResolverFixture {
  static final Map<String, ResolvConf> CONFIGS = configs();
  private static final List<Library> LIBRARIES =
      List.of(Library.GLIBC, Library.MUSL, Library.C_ARES, Library.GO, Library.DNSJAVA);
  private static final String FIRST = "web.default.svc.cluster.local";

  /**
   * The timeout of the configurations under which no reply is dropped: the default 5 s. At 1 s
   * (musl asks again after half of it), an answer slowed past 500 ms by a loaded machine made
   * the library or the model ask twice, and their queries differed.
   */
  private static final String NO_DROP_TIMEOUT = "5";

  private static Map<String, ResolvConf> configs() {
    Map<String, ResolvConf> configs = new LinkedHashMap<>();
    configs.put("ndots:5", pod(List.of(), Map.of("timeout", NO_DROP_TIMEOUT)));
    configs.put("ndots:1", pod(List.of(), Map.of("ndots", "1", "timeout", NO_DROP_TIMEOUT)));
    configs.put("single-request", pod(List.of(), Map.of("single-request", "", "timeout", NO_DROP_TIMEOUT)));
    configs.put("six search domains",
        pod(List.of("corp.example", "eu.corp.example", "example.org"), Map.of("timeout", NO_DROP_TIMEOUT)));
    // One attempt of a second for every library: c-ares 1.18 reads retrans (ms) and retry only.
    configs.put("one attempt", pod(List.of(), Map.of("attempts", "1", "retrans", "1000", "retry", "1")));
    configs.put("one attempt, single-request",
        pod(List.of(), Map.of("attempts", "1", "retrans", "1000", "retry", "1", "single-request", "")));
    return configs;
  }

  /** The name forms of the issue × ndots:5, ndots:1, single-request and six search domains. */
  static Stream<Arguments> cases() {
    String[][] forms = {
        {"svc", "web"},
        {"svc.ns", "api.shop"},
        {"svc.ns.svc", "api.shop.svc"},
        {"full name", "api.shop.svc.cluster.local"},
        {"trailing dot", "api.shop.svc.cluster.local."},
        {"external name", "example.com"},
        {"more dots than ndots", "a.b.c.d.e.f.example.com"},
        {"missing name", "missing"},
        {"IPv6-only Service", "v6"},
    };
    List<Arguments> cases = new ArrayList<>();
    for (Library library : LIBRARIES) {
      for (String config : List.of("ndots:5", "ndots:1", "single-request", "six search domains")) {
        for (String[] form : forms) {
          cases.add(Arguments.of(library, config, form[0], form[1], ""));
        }
      }
    }
    return cases.stream();
  }

  /**
   * A first candidate answering SERVFAIL to both types, and one whose AAAA reply is lost the
   * first time only.
   */
  static Stream<Arguments> faults() {
    List<Arguments> cases = new ArrayList<>();
    for (Library library : LIBRARIES) {
      for (String config : List.of("ndots:5", "single-request")) {
        cases.add(Arguments.of(library, config, "first candidate SERVFAIL", "web", "servfail"));
      }
      for (String config : oneAttempt(library)) {
        cases.add(Arguments.of(library, config, "first candidate's AAAA dropped once", "web", "drop AAAA once"));
      }
    }
    return cases.stream();
  }

  /** A first candidate whose AAAA reply never comes: the conntrack race behind the 5-second A/AAAA timeout. */
  static Stream<Arguments> drops() {
    List<Arguments> cases = new ArrayList<>();
    for (Library library : LIBRARIES) {
      for (String config : oneAttempt(library)) {
        cases.add(Arguments.of(library, config, "first candidate's AAAA dropped", "web", "drop AAAA"));
      }
    }
    return cases.stream();
  }

  /** One attempt, and with single-request for the libraries that read it (glibc and Go). */
  private static List<String> oneAttempt(Library library) {
    return library == Library.GLIBC || library == Library.GO
        ? List.of("one attempt", "one attempt, single-request")
        : List.of("one attempt");
  }

  @ParameterizedTest(name = "{0} {1}: {2} ({3})")
  @MethodSource("cases")
  void theModelSendsWhatTheLibrarySendsAndEndsTheSame(
      Library library, String config, String form, String name, String fault) throws Exception {
    compare(library, config, name, fault);
  }

  /** Runs the real resolver and the model on one case, and compares their queries and results. */
  static void compare(Library library, String config, String name, String fault) throws Exception {
    ResolvConf conf = CONFIGS.get(config);
    TestServer server = RealResolverComparisonTest.server;
    List<String> sentByLibrary = new ArrayList<>();
    String printed = withFault(server, fault, sentByLibrary, () -> library.realAddresses(conf, name));
    List<String> sentByModel = new ArrayList<>();
    AddressResolution modelled = withFault(server, fault, sentByModel,
        () -> server.resolver(conf, library.behaviour).lookupAddresses(name));

    boolean inTurn = library == Library.DNSJAVA
        || config.endsWith("single-request") && (library == Library.GLIBC || library == Library.GO);
    String message = "queries of " + library + " (first) and of the model (second); model: " + modelled.exchanges();
    if (inTurn) {
      assertEquals(sentByLibrary, sentByModel, message);
    } else {
      assertEquals(inRuns(sentByLibrary), inRuns(sentByModel), message);
    }
    assertEquals(sorted(printed), expected(library, modelled), "result; model: " + modelled.exchanges());
  }

  /** The log with each run of queries for one name sorted: the order within a run is the server's. */
  static List<String> inRuns(List<String> sent) {
    List<String> canonical = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= sent.size(); i++) {
      if (i == sent.size() || !name(sent.get(i)).equals(name(sent.get(start)))) {
        canonical.addAll(sent.subList(start, i).stream().sorted().toList());
        start = i;
      }
    }
    return canonical;
  }

  private static String name(String logLine) {
    return logLine.substring(0, logLine.indexOf(' '));
  }

  /** What the probe prints for the lookup the model made, addresses sorted. */
  private static String expected(Library library, AddressResolution modelled) throws IOException {
    if (modelled.outcome() == Outcome.ANSWER) {
      return sorted("ANSWER " + String.join(",",
          modelled.addresses().stream().map(InetAddress::getHostAddress).toList()));
    }
    return "ERROR " + library.errorOfAddresses(new Resolution(modelled.name(), Type.A, modelled.exchanges(),
        modelled.outcome(), Optional.empty()));
  }

  private static String sorted(String printed) throws IOException {
    String line = RealResolverComparisonTest.normalised(printed);
    if (!line.startsWith("ANSWER ")) {
      return line;
    }
    return "ANSWER " + String.join(",", Stream.of(line.substring("ANSWER ".length()).split(",")).sorted().toList());
  }

  private interface Action<T> {
    T run() throws Exception;
  }

  /** Runs {@code action} against a server with only this fault, and collects the queries it sent. */
  private static <T> T withFault(TestServer server, String fault, List<String> sent, Action<T> action)
      throws Exception {
    server.clearFaults();
    switch (fault) {
      case "" -> { }
      case "servfail" -> server.inject(Fault.on(FIRST).servfail());
      case "drop AAAA" -> server.inject(Fault.on(FIRST).type(Type.AAAA).drop());
      case "drop AAAA once" -> server.inject(Fault.on(FIRST).type(Type.AAAA).drop().times(1));
      default -> throw new IllegalArgumentException("unknown fault " + fault);
    }
    server.clearQueries();
    T result = action.run();
    server.queries().forEach(q -> sent.add(q.name() + " " + q.typeName() + " " + q.transport().label()));
    return result;
  }
}
