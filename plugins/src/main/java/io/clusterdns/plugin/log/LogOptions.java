package io.clusterdns.plugin.log;

import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * The parsed {@code log} directive.
 *
 * @param names only queries for these names or below are logged ({@code .} for all)
 * @param format the line format
 * @param classes the response classes to log; {@link ResponseClass#ALL} logs every query
 */
public record LogOptions(List<Name> names, LogFormat format, Set<ResponseClass> classes) {
  public LogOptions {
    names = List.copyOf(names);
    classes = Set.copyOf(classes);
  }
}
