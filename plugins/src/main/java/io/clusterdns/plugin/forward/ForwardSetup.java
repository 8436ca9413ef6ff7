package io.clusterdns.plugin.forward;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;

/** {@code forward FROM TO... { ... }}: see the README beside this class. */
public final class ForwardSetup implements PluginSetup {
  static final int MAX_UPSTREAMS = 15;

  private static final List<String> PROPERTIES = List.of(
      "except", "force_tcp", "prefer_udp", "expire", "max_fails", "health_check", "policy",
      "max_concurrent", "next", "next_on_nodata", "failover", "failfast_all_unhealthy_upstreams",
      "read_timeout", "max_idle_conns", "max_connect_attempts", "tls", "tls_servername");
  private static final Set<String> UNSUPPORTED = Set.of("doh_method", "source_address", "resolver");

  @Override
  public String name() {
    return "forward";
  }

  /** Several forwards in one block chain through {@code next}, as in CoreDNS 1.11 and later. */
  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    ForwardOptions options = parse(directive, context.baseDirectory());
    SSLContext tls = null;
    if (options.upstreams().stream().anyMatch(UpstreamAddress::tls)) {
      try {
        tls = TlsContexts.create(options.tls());
      } catch (IOException | GeneralSecurityException e) {
        Token at = directive.block().stream().filter(d -> d.nameText().equals("tls")).findFirst()
            .map(Directive::name).orElse(directive.name());
        throw new CorefileException(at, "forward: cannot set up TLS: " + e.getMessage());
      }
    }
    return new ForwardHandler(options, tls, Clock.systemUTC());
  }

  static ForwardOptions parse(Directive directive, Path baseDirectory) throws CorefileException {
    if (directive.args().size() < 2) {
      throw new CorefileException(
          directive.name(), "forward: missing argument, expected forward FROM TO... (at most " + MAX_UPSTREAMS + " upstreams)");
    }
    Name from = name(directive.args().get(0), "zone");
    UpstreamParser parser = new UpstreamParser(baseDirectory);
    List<UpstreamAddress> upstreams = new ArrayList<>();
    for (Token to : directive.args().subList(1, directive.args().size())) {
      upstreams.addAll(parser.parse(to));
      if (upstreams.size() > MAX_UPSTREAMS) {
        throw new CorefileException(to, "forward: more than " + MAX_UPSTREAMS + " upstreams");
      }
    }
    Builder b = new Builder();
    for (Directive property : directive.block()) {
      Directives.noBlock(property);
      property(b, property, directive, baseDirectory);
    }
    if (b.serverName.isPresent() && upstreams.stream().noneMatch(UpstreamAddress::tls)) {
      throw new CorefileException(b.serverNameToken, "forward: tls_servername needs a tls:// upstream");
    }
    TlsOptions tls = new TlsOptions(b.certificate, b.key, b.ca, b.serverName);
    int attempts = b.maxConnectAttempts < 0 ? 2 * upstreams.size() : b.maxConnectAttempts;
    return new ForwardOptions(
        from, upstreams, b.except, b.forceTcp, b.preferUdp, b.expire, b.maxFails, b.healthCheck,
        b.policy, b.maxConcurrent, b.next, b.nextOnNodata, b.failover, b.failfast, b.readTimeout,
        b.maxIdleConns, attempts, tls);
  }

  /** The options as they are read, defaults first. */
  private static final class Builder {
    List<Name> except = new ArrayList<>();
    boolean forceTcp;
    boolean preferUdp;
    Duration expire = Duration.ofSeconds(10);
    int maxFails = 2;
    HealthCheck healthCheck = HealthCheck.DEFAULT;
    Policy policy = Policy.RANDOM;
    int maxConcurrent;
    Set<Integer> next = new HashSet<>();
    boolean nextOnNodata;
    Set<Integer> failover = new HashSet<>();
    boolean failfast;
    Duration readTimeout = Duration.ofSeconds(2);
    int maxIdleConns;
    int maxConnectAttempts = -1;
    Optional<Path> certificate = Optional.empty();
    Optional<Path> key = Optional.empty();
    Optional<Path> ca = Optional.empty();
    Optional<String> serverName = Optional.empty();
    Token serverNameToken;
  }

  private static void property(Builder b, Directive p, Directive plugin, Path baseDirectory) throws CorefileException {
    List<Token> args = p.args();
    switch (p.nameText()) {
      case "except" -> {
        Directives.argCount(p, 1, Integer.MAX_VALUE, "except NAMES...");
        for (Token name : args) {
          b.except.add(name(name, "except name"));
        }
      }
      case "force_tcp" -> {
        Directives.noArgs(p);
        b.forceTcp = true;
      }
      case "prefer_udp" -> {
        Directives.noArgs(p);
        b.preferUdp = true;
      }
      case "expire" -> {
        Directives.argCount(p, 1, 1, "expire DURATION");
        b.expire = positive(args.get(0), "forward expire");
      }
      case "max_fails" -> {
        Directives.argCount(p, 1, 1, "max_fails N");
        b.maxFails = Directives.integer(args.get(0), 0, Integer.MAX_VALUE, "forward max_fails");
      }
      case "health_check" -> b.healthCheck = healthCheck(p);
      case "policy" -> {
        Directives.argCount(p, 1, 1, "policy random|round_robin|sequential");
        b.policy = policy(args.get(0));
      }
      case "max_concurrent" -> {
        Directives.argCount(p, 1, 1, "max_concurrent N");
        b.maxConcurrent = Directives.integer(args.get(0), 1, Integer.MAX_VALUE, "forward max_concurrent");
      }
      case "next" -> {
        Directives.argCount(p, 1, Integer.MAX_VALUE, "next RCODE...");
        for (Token rcode : args) {
          b.next.add(rcode(rcode, "next"));
        }
      }
      case "next_on_nodata" -> {
        Directives.noArgs(p);
        b.nextOnNodata = true;
      }
      case "failover" -> {
        Directives.argCount(p, 1, Integer.MAX_VALUE, "failover RCODE...");
        for (Token rcode : args) {
          int value = rcode(rcode, "failover");
          if (value == Rcode.NOERROR) {
            throw new CorefileException(rcode, "forward: failover on NOERROR is not allowed");
          }
          b.failover.add(value);
        }
      }
      case "failfast_all_unhealthy_upstreams" -> {
        Directives.noArgs(p);
        b.failfast = true;
      }
      case "read_timeout" -> {
        Directives.argCount(p, 1, 1, "read_timeout DURATION");
        b.readTimeout = positive(args.get(0), "forward read_timeout");
      }
      case "max_idle_conns" -> {
        Directives.argCount(p, 1, 1, "max_idle_conns N");
        b.maxIdleConns = Directives.integer(args.get(0), 0, Integer.MAX_VALUE, "forward max_idle_conns");
      }
      case "max_connect_attempts" -> {
        Directives.argCount(p, 1, 1, "max_connect_attempts N");
        b.maxConnectAttempts = Directives.integer(args.get(0), 0, Integer.MAX_VALUE, "forward max_connect_attempts");
      }
      case "tls" -> tls(b, p, baseDirectory);
      case "tls_servername" -> {
        Directives.argCount(p, 1, 1, "tls_servername NAME");
        b.serverName = Optional.of(args.get(0).text());
        b.serverNameToken = args.get(0);
      }
      default -> {
        if (UNSUPPORTED.contains(p.nameText())) {
          throw new CorefileException(p.name(), "forward: option '" + p.nameText() + "' is not supported");
        }
        throw Directives.unknownProperty(plugin, p, PROPERTIES);
      }
    }
  }

  private static HealthCheck healthCheck(Directive p) throws CorefileException {
    Directives.argCount(p, 1, 4, "health_check DURATION [no_rec] [domain FQDN]");
    List<Token> args = p.args();
    Duration interval = Directives.duration(args.get(0), "forward health_check");
    if (interval.isNegative()) {
      throw new CorefileException(args.get(0), "forward health_check must not be negative, got '" + args.get(0).text() + "'");
    }
    boolean recursion = true;
    Name domain = Name.root;
    for (int i = 1; i < args.size(); i++) {
      Token token = args.get(i);
      if (token.text().equals("no_rec")) {
        recursion = false;
      } else if (token.text().equals("domain")) {
        if (i + 1 == args.size()) {
          throw new CorefileException(token, "forward: health_check domain needs a name after it");
        }
        domain = name(args.get(++i), "health_check domain");
      } else {
        throw new CorefileException(
            token, "forward: health_check: unexpected '" + token.text() + "', expected no_rec or domain FQDN");
      }
    }
    return new HealthCheck(interval, recursion, domain);
  }

  private static void tls(Builder b, Directive p, Path baseDirectory) throws CorefileException {
    Directives.argCount(p, 0, 3, "tls [CERT KEY [CA]] or tls CA");
    List<Path> files = new ArrayList<>();
    for (Token token : p.args()) {
      Path file = baseDirectory.resolve(token.text());
      if (!java.nio.file.Files.isReadable(file)) {
        throw new CorefileException(token, "forward: tls file '" + token.text() + "' cannot be read");
      }
      files.add(file);
    }
    switch (files.size()) {
      case 1 -> b.ca = Optional.of(files.get(0));
      case 2, 3 -> {
        b.certificate = Optional.of(files.get(0));
        b.key = Optional.of(files.get(1));
        b.ca = files.size() == 3 ? Optional.of(files.get(2)) : Optional.empty();
      }
      default -> { }
    }
  }

  private static Policy policy(Token token) throws CorefileException {
    for (Policy policy : Policy.values()) {
      if (policy.keyword().equals(token.text())) {
        return policy;
      }
    }
    throw new CorefileException(
        token, "forward: unknown policy '" + token.text() + "', expected random, round_robin or sequential");
  }

  private static int rcode(Token token, String option) throws CorefileException {
    int value = Rcode.value(token.text().toUpperCase(Locale.ROOT));
    if (value < 0 || value > 15) {
      throw new CorefileException(
          token, "forward: " + option + ": unknown rcode '" + token.text() + "', expected a name such as NXDOMAIN or SERVFAIL");
    }
    return value;
  }

  private static Duration positive(Token token, String what) throws CorefileException {
    Duration duration = Directives.duration(token, what);
    if (duration.isZero() || duration.isNegative()) {
      throw new CorefileException(token, what + " must be positive, got '" + token.text() + "'");
    }
    return duration;
  }

  private static Name name(Token token, String what) throws CorefileException {
    try {
      return Name.fromString(token.text().toLowerCase(Locale.ROOT), Name.root);
    } catch (TextParseException e) {
      throw new CorefileException(token, "forward: invalid " + what + " '" + token.text() + "'");
    }
  }
}
