package io.clusterdns.plugin;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Which names a plugin passes to the next one instead of answering negatively: none without the
 * {@code fallthrough} keyword, every name with it alone, or the names under the zones it lists.
 */
public record Fallthrough(List<Name> zones) {
  public static final Fallthrough NEVER = new Fallthrough(List.of());
  public static final Fallthrough ALWAYS = new Fallthrough(List.of(Name.root));

  public Fallthrough {
    zones = List.copyOf(zones);
  }

  /** Reads a {@code fallthrough [ZONES...]} line of plugin {@code plugin}'s block. */
  public static Fallthrough parse(Directive line, String plugin) throws CorefileException {
    if (line.args().isEmpty()) {
      return ALWAYS;
    }
    List<Name> zones = new ArrayList<>();
    for (Token zone : line.args()) {
      try {
        zones.add(Name.fromString(zone.text().toLowerCase(Locale.ROOT), Name.root));
      } catch (TextParseException e) {
        throw new CorefileException(zone, plugin + ": invalid fallthrough zone " + e.getMessage());
      }
    }
    return new Fallthrough(zones);
  }

  public boolean covers(Name qname) {
    for (Name zone : zones) {
      if (qname.subdomain(zone)) {
        return true;
      }
    }
    return false;
  }
}
