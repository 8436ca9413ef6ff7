package io.clusterdns.plugin.template;

import io.clusterdns.plugin.Fallthrough;
import java.util.List;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;

/**
 * The parsed {@code template} directive.
 *
 * @param qclass the class answered, {@code DClass.ANY} for all
 * @param qtype the type answered, {@code Type.ANY} for all
 * @param zones the zones answered; other names go to the next plugin
 * @param matches expressions tried in order against the lower-case name; the first match answers
 * @param answer records of the answer section
 * @param additional records of the additional section
 * @param authority records of the authority section
 * @param rcode the reply's rcode
 * @param fallthrough names passed on when no expression matches, instead of NXDOMAIN
 */
public record TemplateOptions(
    int qclass,
    int qtype,
    List<Name> zones,
    List<Pattern> matches,
    List<RrTemplate> answer,
    List<RrTemplate> additional,
    List<RrTemplate> authority,
    int rcode,
    Fallthrough fallthrough) {
  public TemplateOptions {
    zones = List.copyOf(zones);
    matches = List.copyOf(matches);
    answer = List.copyOf(answer);
    additional = List.copyOf(additional);
    authority = List.copyOf(authority);
  }
}
