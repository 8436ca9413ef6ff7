package io.clusterdns.plugin.template;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Fallthrough;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@code template CLASS TYPE [ZONE...] { match REGEX...; answer RR...; additional RR...;
 * authority RR...; rcode CODE; fallthrough [ZONE...] }}.
 */
public final class TemplateSetup implements PluginSetup {
  private static final List<String> PROPERTIES =
      List.of("match", "answer", "additional", "authority", "rcode", "fallthrough");
  private static final Pattern MATCH_ALL = Pattern.compile(".*");

  @Override
  public String name() {
    return "template";
  }

  /** Several templates may serve one block, each for its own class, type and names. */
  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new TemplateHandler(parse(directive, context));
  }

  static TemplateOptions parse(Directive directive, SetupContext context) throws CorefileException {
    Directives.argCount(directive, 2, Integer.MAX_VALUE, "template CLASS TYPE [ZONE...]");
    List<Token> args = directive.args();
    int qclass = DClass.value(args.get(0).text().toUpperCase(Locale.ROOT));
    if (qclass < 0) {
      throw new CorefileException(args.get(0), "template: invalid query class '" + args.get(0).text() + "', expected IN, CH, ANY, ...");
    }
    int qtype = Type.value(args.get(1).text().toUpperCase(Locale.ROOT));
    if (qtype < 0) {
      throw new CorefileException(args.get(1), "template: invalid query type '" + args.get(1).text() + "', expected A, AAAA, ANY, ...");
    }
    List<Name> zones = new ArrayList<>();
    for (Token zone : args.subList(2, args.size())) {
      zones.add(name(zone, "zone"));
    }
    if (zones.isEmpty()) {
      for (String zone : context.zones()) {
        zones.add(Name.fromConstantString(zone));
      }
    }

    List<Pattern> matches = new ArrayList<>();
    List<Token> answer = new ArrayList<>();
    List<Token> additional = new ArrayList<>();
    List<Token> authority = new ArrayList<>();
    int rcode = Rcode.NOERROR;
    Fallthrough fallthrough = Fallthrough.NEVER;
    for (Directive property : directive.block()) {
      Directives.noBlock(property);
      switch (property.nameText()) {
        case "match" -> {
          Directives.argCount(property, 1, Integer.MAX_VALUE, "match REGEX...");
          for (Token regex : property.args()) {
            matches.add(regex(regex));
          }
        }
        case "answer" -> answer.addAll(records(property));
        case "additional" -> additional.addAll(records(property));
        case "authority" -> authority.addAll(records(property));
        case "rcode" -> {
          Directives.argCount(property, 1, 1, "rcode CODE");
          Token code = property.args().get(0);
          rcode = Rcode.value(code.text().toUpperCase(Locale.ROOT));
          if (rcode < 0 || code.text().chars().allMatch(Character::isDigit)) {
            throw new CorefileException(code, "template: unknown rcode '" + code.text() + "', expected NOERROR, NXDOMAIN, SERVFAIL, ...");
          }
        }
        case "fallthrough" -> fallthrough = Fallthrough.parse(property, "template");
        default -> throw Directives.unknownProperty(directive, property, PROPERTIES);
      }
    }
    if (answer.isEmpty() && authority.isEmpty() && rcode == Rcode.NOERROR) {
      throw new CorefileException(
          directive.name(), "template: no answer or authority records and rcode NOERROR: the template would answer nothing");
    }
    if (matches.isEmpty()) {
      matches.add(MATCH_ALL);
    }
    GroupNames groups = new GroupNames(matches);
    TemplateData sample = sample(qclass, qtype, zones);
    return new TemplateOptions(
        qclass, qtype, zones, matches,
        compile(answer, groups, sample), compile(additional, groups, sample), compile(authority, groups, sample),
        rcode, fallthrough);
  }

  private static List<Token> records(Directive property) throws CorefileException {
    Directives.argCount(property, 1, Integer.MAX_VALUE, property.nameText() + " RR...");
    return property.args();
  }

  /**
   * Compiles each template and, when its text does not depend on the matched groups (whose
   * values cannot be guessed), renders it with sample data to prove it parses.
   */
  private static List<RrTemplate> compile(List<Token> tokens, GroupNames groups, TemplateData sample)
      throws CorefileException {
    List<RrTemplate> templates = new ArrayList<>();
    for (Token token : tokens) {
      RrTemplate template = RrTemplate.compile(token, groups);
      if (!template.usesGroups()) {
        try {
          template.record(sample);
        } catch (IOException | RuntimeException e) {
          throw new CorefileException(token, "template: '" + token.text() + "' is not a valid record: " + e.getMessage());
        }
      }
      templates.add(template);
    }
    return templates;
  }

  private static TemplateData sample(int qclass, int qtype, List<Name> zones) {
    String zone = zones.isEmpty() ? "." : zones.get(0).toString();
    String name = zone.equals(".") ? "example." : "example." + zone;
    String classText = DClass.string(qclass == DClass.ANY ? DClass.IN : qclass);
    String typeText = Type.string(qtype == Type.ANY ? Type.A : qtype);
    return new TemplateData(name, zone, classText, typeText, "192.0.2.1", MATCH_ALL.matcher(name));
  }

  private static Pattern regex(Token token) throws CorefileException {
    try {
      return Pattern.compile(token.text());
    } catch (PatternSyntaxException e) {
      throw new CorefileException(token, "template: invalid regular expression '" + token.text() + "': " + e.getDescription());
    }
  }


  private static Name name(Token token, String what) throws CorefileException {
    try {
      return Name.fromString(token.text().toLowerCase(Locale.ROOT), Name.root);
    } catch (TextParseException e) {
      throw new CorefileException(token, "template: invalid " + what + " " + e.getMessage());
    }
  }
}
