package io.clusterdns.plugin.template;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The capture groups, by number and by name, that a template's match expressions define. */
final class GroupNames {
  private static final Pattern NAMED = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final int maxIndex;
  private final Set<String> names;

  GroupNames(List<Pattern> expressions) {
    int max = 0;
    Set<String> found = new HashSet<>();
    for (Pattern expression : expressions) {
      max = Math.max(max, expression.matcher("").groupCount());
      Matcher named = NAMED.matcher(expression.pattern());
      while (named.find()) {
        found.add(named.group(1));
      }
    }
    this.maxIndex = max;
    this.names = Set.copyOf(found);
  }

  boolean defines(String group) {
    if (Character.isDigit(group.charAt(0))) {
      return group.length() <= 3 && Integer.parseInt(group) <= maxIndex;
    }
    return names.contains(group);
  }
}
