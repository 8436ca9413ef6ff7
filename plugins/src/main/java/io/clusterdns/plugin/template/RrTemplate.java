package io.clusterdns.plugin.template;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Token;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * One {@code answer}, {@code additional} or {@code authority} line: zone-file text with Go
 * template actions, compiled once into literal text and fields. Supported actions are
 * {@code .Name}, {@code .Zone}, {@code .Class}, {@code .Type}, {@code .Remote}, {@code .Group.N},
 * {@code .Group.NAME}, {@code index .Match N} and {@code index .Group "NAME"}; anything else is a
 * setup error.
 */
final class RrTemplate {
  /** TTL of a record whose text names none, as CoreDNS's record parser uses. */
  static final long DEFAULT_TTL = 3600;

  private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
  private static final Pattern GROUP_FIELD = Pattern.compile("\\.Group\\.(\\w+)");
  private static final Pattern INDEX_MATCH = Pattern.compile("index\\s+\\.Match\\s+(\\d+)");
  private static final Pattern INDEX_GROUP = Pattern.compile("index\\s+\\.Group\\s+\"(\\w+)\"");
  private static final Map<String, Field> FIELDS =
      Map.of(".Name", Field.NAME, ".Zone", Field.ZONE, ".Class", Field.CLASS, ".Type", Field.TYPE, ".Remote", Field.REMOTE);

  private enum Field { LITERAL, NAME, ZONE, CLASS, TYPE, REMOTE, GROUP_INDEX, GROUP_NAME }

  private record Part(Field field, String text, int index) {}

  private final String source;
  private final List<Part> parts;

  private RrTemplate(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /**
   * Compiles a template, checking each group it names against the groups the {@code match}
   * expressions define.
   */
  static RrTemplate compile(Token token, GroupNames groups) throws CorefileException {
    String text = token.text();
    List<Part> parts = new ArrayList<>();
    Matcher action = ACTION.matcher(text);
    int last = 0;
    while (action.find()) {
      if (action.start() > last) {
        parts.add(new Part(Field.LITERAL, text.substring(last, action.start()), 0));
      }
      parts.add(part(token, action.group(1), groups));
      last = action.end();
    }
    String rest = text.substring(last);
    if (rest.contains("{{")) {
      throw new CorefileException(token, "template: unclosed '{{' in '" + text + "'");
    }
    if (!rest.isEmpty()) {
      parts.add(new Part(Field.LITERAL, rest, 0));
    }
    return new RrTemplate(text, parts);
  }

  private static Part part(Token token, String action, GroupNames groups) throws CorefileException {
    Field field = FIELDS.get(action);
    if (field != null) {
      return new Part(field, null, 0);
    }
    Matcher m;
    String group = null;
    if ((m = GROUP_FIELD.matcher(action)).matches() || (m = INDEX_GROUP.matcher(action)).matches()) {
      group = m.group(1);
    } else if ((m = INDEX_MATCH.matcher(action)).matches()) {
      group = m.group(1);
    }
    if (group == null) {
      throw new CorefileException(
          token,
          "template: unsupported action '{{ " + action + " }}', expected .Name, .Zone, .Class, .Type, .Remote, "
              + ".Group.N, .Group.NAME or index .Match N");
    }
    if (!groups.defines(group)) {
      throw new CorefileException(token, "template: no match expression defines group '" + group + "'");
    }
    return Character.isDigit(group.charAt(0))
        ? new Part(Field.GROUP_INDEX, null, Integer.parseInt(group))
        : new Part(Field.GROUP_NAME, group, 0);
  }

  /** Whether the text depends on what the regular expression matched. */
  boolean usesGroups() {
    return parts.stream().anyMatch(p -> p.field == Field.GROUP_INDEX || p.field == Field.GROUP_NAME);
  }

  /** Whether the text depends on the client's address. */
  boolean usesRemote() {
    return parts.stream().anyMatch(p -> p.field == Field.REMOTE);
  }

  String render(TemplateData data) {
    StringBuilder out = new StringBuilder(source.length() + 32);
    for (Part part : parts) {
      switch (part.field) {
        case LITERAL -> out.append(part.text);
        case NAME -> out.append(data.name());
        case ZONE -> out.append(data.zone());
        case CLASS -> out.append(data.qclass());
        case TYPE -> out.append(data.qtype());
        case REMOTE -> out.append(data.remote());
        case GROUP_INDEX -> appendGroup(out, data, part.index);
        case GROUP_NAME -> appendNamedGroup(out, data, part.text);
      }
    }
    return out.toString();
  }

  /** Renders and parses the record; a text that is not exactly one record fails. */
  Record record(TemplateData data) throws IOException {
    return parse(render(data));
  }

  static Record parse(String text) throws IOException {
    // Only a single record line is wanted: no directives ($INCLUDE would read files), no lines.
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.stripLeading().startsWith("$")) {
      throw new TextParseException("'" + text + "' is not a single record");
    }
    try (Master master =
        new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root, DEFAULT_TTL)) {
      Record record = master.nextRecord();
      if (record == null) {
        throw new TextParseException("'" + text + "' holds no record");
      }
      return record;
    } catch (TextParseException e) {
      // Master prefixes "<none>:1: ", a file position that means nothing for one template line.
      throw new TextParseException(e.getMessage().replaceFirst("^<none>:\\d+: ", ""));
    }
  }

  private static void appendGroup(StringBuilder out, TemplateData data, int index) {
    if (index <= data.match().groupCount() && data.match().group(index) != null) {
      out.append(data.match().group(index));
    }
  }

  private static void appendNamedGroup(StringBuilder out, TemplateData data, String name) {
    if (data.match() instanceof Matcher matcher) {
      try {
        String value = matcher.group(name);
        if (value != null) {
          out.append(value);
        }
      } catch (IllegalArgumentException notInThisExpression) {
        // Another match expression of the template defines the group; Go prints nothing here too.
      }
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
