package io.clusterdns.plugin.rewrite;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Reads one rule from its words: {@code FIELD [TYPE] FROM TO [answer …]}. */
final class RuleParser {
  private static final String FIELDS = "name, type, class, ttl or edns0";
  private static final String MATCH_TYPES = "exact, prefix, suffix, substring or regex";
  private static final List<String> MATCHES = List.of("exact", "prefix", "suffix", "substring", "regex");

  private final List<Token> words;
  private final boolean stop;
  private int next;

  private RuleParser(List<Token> words, boolean stop) {
    this.words = words;
    this.stop = stop;
  }

  /** The rule {@code words} spell; {@code words} is not empty. */
  static Rule parse(List<Token> words, boolean stop) throws CorefileException {
    return new RuleParser(words, stop).rule();
  }

  /** A name as lower-case text with the trailing dot, as rules compare names. */
  static String absolute(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  private Rule rule() throws CorefileException {
    Token field = take("FIELD (" + FIELDS + ")");
    Rule rule = switch (field.text().toLowerCase(Locale.ROOT)) {
      case "name" -> nameRule();
      case "type" -> typeRule();
      case "class" -> classRule();
      case "ttl" -> ttlRule();
      case "edns0" -> ednsRule();
      case "cname", "rcode" -> throw new CorefileException(
          field, "rewrite: field '" + field.text() + "' is not supported, expected " + FIELDS);
      default -> throw new CorefileException(
          field, "rewrite: unknown field '" + field.text() + "', expected " + FIELDS);
    };
    if (next < words.size()) {
      Token extra = words.get(next);
      throw new CorefileException(extra, "rewrite: unexpected '" + extra.text() + "' after a complete "
          + field.text() + " rule" + (field.text().equals("name") ? "" : "; answer options belong to name rules"));
    }
    return rule;
  }

  private NameRule nameRule() throws CorefileException {
    String kind = matchType("name");
    Token from = take("FROM name");
    Token to = take("TO name");
    NameMatch match = nameMatch(kind, from, to);
    boolean auto = false;
    List<ResponseStep> answers = new ArrayList<>();
    boolean sawAnswer = false;
    while (next < words.size()) {
      Token option = words.get(next++);
      String text = option.text().toLowerCase(Locale.ROOT);
      if (text.equals("answer")) {
        option = take("auto, name FROM TO or value FROM TO after answer");
        text = option.text().toLowerCase(Locale.ROOT);
      } else if (!sawAnswer) {
        throw new CorefileException(option, "rewrite: unexpected '" + option.text()
            + "' after a name rule, expected answer auto, answer name FROM TO or answer value FROM TO");
      }
      sawAnswer = true;
      switch (text) {
        case "auto" -> auto = true;
        case "name" -> answers.add(new ResponseStep.AnswerName(template(take("answer name FROM"), take("answer name TO"))));
        case "value" -> answers.add(new ResponseStep.AnswerValue(template(take("answer value FROM"), take("answer value TO"))));
        default -> throw new CorefileException(option, "rewrite: unknown answer option '" + option.text()
            + "', expected auto, name FROM TO or value FROM TO");
      }
    }
    return new NameRule(stop, match, auto, answers);
  }

  /**
   * The optional match type before FROM: {@code exact} when only FROM and TO follow, as in
   * CoreDNS; then a match type word alone before one more word means TO is missing.
   */
  private String matchType(String field) throws CorefileException {
    int remaining = words.size() - next;
    if (remaining < 2 || (remaining == 2 && !MATCHES.contains(words.get(next).text().toLowerCase(Locale.ROOT)))) {
      return "exact";
    }
    Token match = take("match type (" + MATCH_TYPES + ")");
    String kind = match.text().toLowerCase(Locale.ROOT);
    if (!MATCHES.contains(kind)) {
      throw new CorefileException(
          match, "rewrite: unknown " + field + " match type '" + match.text() + "', expected " + MATCH_TYPES);
    }
    return kind;
  }

  private NameMatch nameMatch(String kind, Token from, Token to) throws CorefileException {
    return switch (kind) {
      case "exact" -> new NameMatch.Exact(validName(from), validName(to));
      case "prefix" -> new NameMatch.Prefix(lower(from), lower(to));
      case "suffix" -> new NameMatch.Suffix(absolute(from.text()), absolute(to.text()));
      case "substring" -> new NameMatch.Substring(lower(from), lower(to));
      default -> new NameMatch.Regex(template(from, to));
    };
  }

  private TypeRule typeRule() throws CorefileException {
    return new TypeRule(stop, type(take("FROM type")), type(take("TO type")));
  }

  private ClassRule classRule() throws CorefileException {
    Token from = take("FROM class");
    int fromClass = dclass(from);
    if (fromClass != DClass.IN) {
      throw new CorefileException(from, "rewrite: queries of class " + from.text()
          + " never reach the plugins (the server refuses every class but IN), so FROM must be IN");
    }
    return new ClassRule(stop, fromClass, dclass(take("TO class")));
  }

  private TtlRule ttlRule() throws CorefileException {
    String kind = matchType("ttl");
    Token name = take("NAME");
    Token ttl = take("SECONDS or MIN-MAX");
    NameMatch match = kind.equals("regex")
        ? new NameMatch.Regex(new RegexTemplate(pattern(name), ""))
        : nameMatch(kind, name, name);
    int dash = ttl.text().indexOf('-');
    long min = seconds(ttl, dash < 0 ? ttl.text() : ttl.text().substring(0, dash));
    long max = dash < 0 ? min : seconds(ttl, ttl.text().substring(dash + 1));
    if (min > max) {
      throw new CorefileException(ttl, "rewrite: ttl range '" + ttl.text() + "' has its minimum above its maximum");
    }
    return new TtlRule(stop, match, min, max);
  }

  private EdnsRule ednsRule() throws CorefileException {
    Token kind = take("EDNS0 option type (local, nsid or subnet)");
    String option = kind.text().toLowerCase(Locale.ROOT);
    if (!option.equals("local") && !option.equals("nsid") && !option.equals("subnet")) {
      throw new CorefileException(kind, "rewrite: unknown edns0 option type '" + kind.text()
          + "', expected local, nsid or subnet");
    }
    Token actionToken = take("set, append or replace");
    EdnsRule.Action action = switch (actionToken.text().toLowerCase(Locale.ROOT)) {
      case "set" -> EdnsRule.Action.SET;
      case "append" -> EdnsRule.Action.APPEND;
      case "replace" -> EdnsRule.Action.REPLACE;
      default -> throw new CorefileException(actionToken,
          "rewrite: unknown edns0 action '" + actionToken.text() + "', expected set, append or replace");
    };
    return switch (option) {
      case "nsid" -> new EdnsRule(stop, action, EDNSOption.Code.NSID, new LocalData.Fixed(new byte[0]));
      case "subnet" -> {
        int v4 = Directives.integer(take("IPv4 prefix length"), 0, 32, "rewrite: edns0 subnet IPv4 prefix length");
        int v6 = Directives.integer(take("IPv6 prefix length"), 0, 128, "rewrite: edns0 subnet IPv6 prefix length");
        yield new EdnsRule(stop, action, EDNSOption.Code.CLIENT_SUBNET, new OptionValue.ClientSubnet(v4, v6));
      }
      default -> {
        Token code = take("option CODE such as 0xffee");
        yield new EdnsRule(stop, action, optionCode(code), localData(take("DATA")));
      }
    };
  }

  private static int optionCode(Token token) throws CorefileException {
    String text = token.text().toLowerCase(Locale.ROOT);
    try {
      int value = text.startsWith("0x") ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
      if (value >= 0 && value <= 0xffff) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the other bad forms.
    }
    throw new CorefileException(token, "rewrite: edns0 option code must be 0 to 65535 (decimal or 0x hex), got '" + token.text() + "'");
  }

  private static LocalData localData(Token token) throws CorefileException {
    String text = token.text();
    if (text.startsWith("{") && text.endsWith("}")) {
      String variable = text.substring(1, text.length() - 1);
      for (LocalData.Variable known : LocalData.Variable.values()) {
        if (known.text().equals(variable)) {
          return known;
        }
      }
      throw new CorefileException(token, "rewrite: edns0 variable '" + text + "' is not supported, expected "
          + "{qname}, {qtype}, {client_ip}, {client_port} or {protocol}");
    }
    if (text.startsWith("0x")) {
      try {
        return new LocalData.Fixed(HexFormat.of().parseHex(text.substring(2)));
      } catch (IllegalArgumentException e) {
        throw new CorefileException(token, "rewrite: edns0 data '" + text + "' is not an even number of hex digits after 0x");
      }
    }
    return new LocalData.Fixed(text.getBytes(StandardCharsets.UTF_8));
  }

  private static long seconds(Token token, String text) throws CorefileException {
    try {
      long value = Long.parseLong(text);
      if (value >= 0 && value <= Integer.MAX_VALUE) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the other bad forms.
    }
    throw new CorefileException(token, "rewrite: ttl must be SECONDS or MIN-MAX, each 0 to " + Integer.MAX_VALUE
        + ", got '" + token.text() + "'");
  }

  private static int type(Token token) throws CorefileException {
    int value = Type.value(token.text().toUpperCase(Locale.ROOT));
    if (value < 0) {
      throw new CorefileException(token, "rewrite: invalid type '" + token.text() + "', expected A, AAAA, SRV, ANY, ...");
    }
    return value;
  }

  private static int dclass(Token token) throws CorefileException {
    int value = DClass.value(token.text().toUpperCase(Locale.ROOT));
    if (value < 0) {
      throw new CorefileException(token, "rewrite: invalid class '" + token.text() + "', expected IN, CH or HS");
    }
    return value;
  }

  private static String validName(Token token) throws CorefileException {
    String name = absolute(token.text());
    try {
      Name.fromString(name);
    } catch (TextParseException e) {
      throw new CorefileException(token, "rewrite: invalid name '" + token.text() + "': " + e.getMessage());
    }
    return name;
  }

  private static String lower(Token token) {
    return token.text().toLowerCase(Locale.ROOT);
  }

  private static RegexTemplate template(Token from, Token to) throws CorefileException {
    Pattern pattern = pattern(from);
    int highest = RegexTemplate.highestGroup(to.text());
    if (highest > pattern.matcher("").groupCount()) {
      throw new CorefileException(to, "rewrite: '" + to.text() + "' uses group {" + highest + "} but '"
          + from.text() + "' has only " + pattern.matcher("").groupCount() + " groups");
    }
    return new RegexTemplate(pattern, to.text());
  }

  private static Pattern pattern(Token token) throws CorefileException {
    try {
      return Pattern.compile(token.text());
    } catch (PatternSyntaxException e) {
      throw new CorefileException(token, "rewrite: invalid regular expression '" + token.text() + "': " + e.getDescription());
    }
  }

  private Token take(String expected) throws CorefileException {
    if (next >= words.size()) {
      Token last = words.get(words.size() - 1);
      throw new CorefileException(last, "rewrite: missing " + expected + " after '" + last.text() + "'");
    }
    return words.get(next++);
  }
}
