package io.clusterdns.plugin.rewrite;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression and the name it becomes, with {@code {0}}, {@code {1}}… standing for the
 * groups of the match, as CoreDNS's regex rules: the whole name is replaced by the template.
 */
record RegexTemplate(Pattern pattern, String template) {
  /** The name {@code name} becomes, or null when the expression does not match. */
  String rewrite(String name) {
    Matcher matcher = pattern.matcher(name);
    if (!matcher.find()) {
      return null;
    }
    if (template.indexOf('{') < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + name.length());
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      int close = c == '{' ? template.indexOf('}', i) : -1;
      int group = close > i + 1 ? groupNumber(template, i + 1, close) : -1;
      if (group >= 0 && group <= matcher.groupCount()) {
        String value = matcher.group(group);
        out.append(value == null ? "" : value);
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The highest group number the template refers to, or -1 when it refers to none. */
  static int highestGroup(String template) {
    int highest = -1;
    for (int i = template.indexOf('{'); i >= 0; i = template.indexOf('{', i + 1)) {
      int close = template.indexOf('}', i);
      if (close > i + 1) {
        highest = Math.max(highest, groupNumber(template, i + 1, close));
      }
    }
    return highest;
  }

  private static int groupNumber(String text, int from, int to) {
    if (to - from > 3) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
