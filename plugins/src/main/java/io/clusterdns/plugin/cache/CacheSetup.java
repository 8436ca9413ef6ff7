package io.clusterdns.plugin.cache;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * {@code cache [TTL] [ZONES...] { success CAPACITY [TTL] [MINTTL]; denial CAPACITY [TTL] [MINTTL];
 * prefetch AMOUNT [DURATION] [PERCENTAGE%]; serve_stale [DURATION] [immediate|verify]; servfail
 * DURATION; disable success|denial [ZONES...]; keepttl }}.
 */
public final class CacheSetup implements PluginSetup {
  static final String NAME = "cache";
  private static final List<String> PROPERTIES =
      List.of("success", "denial", "prefetch", "serve_stale", "servfail", "disable", "keepttl");
  private static final Duration MAX_SERVFAIL = Duration.ofMinutes(5);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return CacheHandler.create(parse(directive, context), context);
  }

  static CacheOptions parse(Directive directive, SetupContext context) throws CorefileException {
    List<Token> args = directive.args();
    long successTtl = CacheOptions.DEFAULT_SUCCESS_TTL;
    long denialTtl = CacheOptions.DEFAULT_DENIAL_TTL;
    int zoneArgs = 0;
    if (!args.isEmpty() && isNumber(args.get(0))) {
      successTtl = ttl(args.get(0), "cache TTL");
      denialTtl = successTtl;
      zoneArgs = 1;
    }
    List<Name> zones = zones(args.subList(zoneArgs, args.size()));
    if (zones.isEmpty()) {
      for (String zone : context.zones()) {
        zones.add(Name.fromConstantString(zone));
      }
    }
    CacheOptions.Tier success =
        new CacheOptions.Tier(CacheOptions.DEFAULT_CAPACITY, successTtl, CacheOptions.DEFAULT_MIN_TTL);
    CacheOptions.Tier denial =
        new CacheOptions.Tier(CacheOptions.DEFAULT_CAPACITY, denialTtl, CacheOptions.DEFAULT_MIN_TTL);
    CacheOptions.Prefetch prefetch = CacheOptions.Prefetch.OFF;
    Duration serveStale = Duration.ZERO;
    boolean verifyStale = false;
    Duration servfail = CacheOptions.DEFAULT_SERVFAIL;
    List<Name> successDisabled = new ArrayList<>();
    List<Name> denialDisabled = new ArrayList<>();
    boolean keepTtl = false;
    for (Directive line : directive.block()) {
      Directives.noBlock(line);
      switch (line.nameText()) {
        case "success" -> success = tier(line, success);
        case "denial" -> denial = tier(line, denial);
        case "prefetch" -> prefetch = prefetch(line);
        case "serve_stale" -> {
          Directives.argCount(line, 0, 2, "serve_stale [DURATION] [immediate|verify]");
          serveStale = CacheOptions.DEFAULT_STALE;
          if (!line.args().isEmpty()) {
            serveStale = positive(line.args().get(0), "cache serve_stale DURATION");
          }
          if (line.args().size() > 1) {
            verifyStale = refreshMode(line.args().get(1));
          }
        }
        case "servfail" -> {
          Directives.argCount(line, 1, 1, "servfail DURATION");
          servfail = servfail(line.args().get(0));
        }
        case "disable" -> disable(line, zones, successDisabled, denialDisabled);
        case "keepttl" -> {
          Directives.noArgs(line);
          keepTtl = true;
        }
        case "serve_stale_policy" -> throw new CorefileException(
            line.name(), "cache: serve_stale_policy is not supported");
        default -> throw Directives.unknownProperty(directive, line, PROPERTIES);
      }
    }
    return new CacheOptions(
        zones, success, denial, prefetch, serveStale, verifyStale, servfail, successDisabled,
        denialDisabled, keepTtl);
  }

  private static CacheOptions.Tier tier(Directive line, CacheOptions.Tier defaults)
      throws CorefileException {
    String property = line.nameText();
    Directives.argCount(line, 1, 3, property + " CAPACITY [TTL] [MINTTL]");
    List<Token> args = line.args();
    int capacity = Directives.integer(args.get(0), 1, Integer.MAX_VALUE, "cache " + property + " CAPACITY");
    long maxTtl = args.size() > 1 ? ttl(args.get(1), "cache " + property + " TTL") : defaults.maxTtl();
    long minTtl =
        args.size() > 2
            ? Directives.integer(args.get(2), 0, Integer.MAX_VALUE, "cache " + property + " MINTTL")
            : defaults.minTtl();
    return new CacheOptions.Tier(shardedCapacity(capacity), maxTtl, minTtl);
  }

  /**
   * CoreDNS splits each cache into 256 shards of CAPACITY/256 entries, at least 4 each: the
   * capacity it really has is a multiple of 256 and at least 1024.
   */
  static int shardedCapacity(int capacity) {
    return Math.max(4, capacity / 256) * 256;
  }

  private static CacheOptions.Prefetch prefetch(Directive line) throws CorefileException {
    Directives.argCount(line, 1, 3, "prefetch AMOUNT [DURATION] [PERCENTAGE%]");
    List<Token> args = line.args();
    int amount = Directives.integer(args.get(0), 1, Integer.MAX_VALUE, "cache prefetch AMOUNT");
    Duration window =
        args.size() > 1 ? positive(args.get(1), "cache prefetch DURATION") : CacheOptions.Prefetch.OFF.window();
    int percentage = CacheOptions.Prefetch.OFF.percentage();
    if (args.size() > 2) {
      Token token = args.get(2);
      if (!token.text().endsWith("%")) {
        throw new CorefileException(
            token, "cache prefetch PERCENTAGE must end with '%', such as 10%, got '" + token.text() + "'");
      }
      Token number = new Token(token.text().substring(0, token.text().length() - 1), token.quoted(), token.location());
      percentage = Directives.integer(number, 10, 90, "cache prefetch PERCENTAGE");
    }
    return new CacheOptions.Prefetch(amount, window, percentage);
  }

  private static boolean refreshMode(Token token) throws CorefileException {
    return switch (token.text()) {
      case "immediate" -> false;
      case "verify" -> true;
      default -> throw new CorefileException(
          token, "cache serve_stale: unknown refresh mode '" + token.text() + "', expected immediate or verify");
    };
  }

  private static Duration servfail(Token token) throws CorefileException {
    Duration duration = Directives.duration(token, "cache servfail DURATION");
    if (duration.isNegative() || duration.compareTo(MAX_SERVFAIL) > 0) {
      throw new CorefileException(
          token, "cache servfail DURATION must be between 0s and 5m, got '" + token.text() + "'");
    }
    // Cached TTLs are whole seconds, so a fraction of a second would cache nothing.
    if (!duration.isZero() && duration.toSeconds() == 0) {
      throw new CorefileException(
          token, "cache servfail DURATION must be 0s (off) or at least 1s, got '" + token.text() + "'");
    }
    return duration;
  }

  private static void disable(
      Directive line, List<Name> zones, List<Name> successDisabled, List<Name> denialDisabled)
      throws CorefileException {
    Directives.argCount(line, 1, Integer.MAX_VALUE, "disable success|denial [ZONES...]");
    Token kind = line.args().get(0);
    List<Name> target =
        switch (kind.text()) {
          case "success" -> successDisabled;
          case "denial" -> denialDisabled;
          default -> throw new CorefileException(
              kind, "cache disable: expected success or denial, got '" + kind.text() + "'");
        };
    List<Name> listed = zones(line.args().subList(1, line.args().size()));
    target.addAll(listed.isEmpty() ? zones : listed);
  }

  private static boolean isNumber(Token token) {
    return !token.text().isEmpty() && token.text().chars().allMatch(c -> c == '-' || Character.isDigit(c));
  }

  private static long ttl(Token token, String what) throws CorefileException {
    return Directives.integer(token, 1, Integer.MAX_VALUE, what);
  }

  private static Duration positive(Token token, String what) throws CorefileException {
    Duration duration = Directives.duration(token, what);
    if (duration.isZero() || duration.isNegative()) {
      throw new CorefileException(token, what + " must be positive, got '" + token.text() + "'");
    }
    return duration;
  }

  private static List<Name> zones(List<Token> tokens) throws CorefileException {
    List<Name> zones = new ArrayList<>();
    for (Token token : tokens) {
      String lower = token.text().toLowerCase(Locale.ROOT);
      if (lower.contains("/")) {
        throw new CorefileException(
            token, "cache: zone '" + token.text() + "' is a CIDR, which is not supported; write the reverse zone"
                + " such as 10.in-addr.arpa");
      }
      try {
        zones.add(Name.fromString(lower.endsWith(".") ? lower : lower + ".", Name.root));
      } catch (TextParseException e) {
        throw new CorefileException(
            token, "cache: invalid zone '" + token.text() + "', expected a domain name such as example.org");
      }
    }
    return zones;
  }
}
