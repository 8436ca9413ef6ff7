package io.clusterdns.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Replaces {@code {$NAME}}, {@code {%NAME%}} and {@code {$NAME:default}} inside one word. The
 * result stays one word even if the value holds spaces (CoreDNS behaviour), and values are not
 * scanned again, so a value cannot smuggle in further references.
 */
final class EnvironmentSubstitution {
  private final Function<String, String> environment;

  EnvironmentSubstitution(Function<String, String> environment) {
    this.environment = environment;
  }

  /**
   * A substituted word.
   *
   * @param text the word after substitution
   * @param blanks what each unset or empty reference was, for errors about an empty word
   */
  record Result(String text, List<String> blanks) {
    Result {
      blanks = List.copyOf(blanks);
    }

    /** Why the word is empty, or an empty string when no variable is to blame. */
    String blame() {
      return blanks.isEmpty() ? "" : " because " + String.join(" and ", blanks);
    }
  }

  Result apply(String raw) {
    if (raw.indexOf('{') < 0) {
      return new Result(raw, List.of());
    }
    StringBuilder out = new StringBuilder();
    List<String> blanks = new ArrayList<>();
    int from = 0;
    while (true) {
      int dollar = raw.indexOf("{$", from);
      int percent = raw.indexOf("{%", from);
      int start = earliest(dollar, percent);
      if (start < 0) {
        break;
      }
      boolean windows = start == percent;
      String closing = windows ? "%}" : "}";
      int end = raw.indexOf(closing, start + 2);
      if (end < 0) {
        break;
      }
      String reference = raw.substring(start + 2, end);
      if (reference.isEmpty()) {
        out.append(raw, from, start + 2);
        from = start + 2;
        continue;
      }
      out.append(raw, from, start);
      out.append(lookUp(reference, windows, blanks));
      from = end + closing.length();
    }
    out.append(raw, from, raw.length());
    return new Result(out.toString(), blanks);
  }

  private String lookUp(String reference, boolean windows, List<String> blanks) {
    int colon = windows ? -1 : reference.indexOf(':');
    String name = colon < 0 ? reference : reference.substring(0, colon);
    String value = environment.apply(name);
    if (value != null && !value.isEmpty()) {
      return value;
    }
    if (colon >= 0) {
      return reference.substring(colon + 1);
    }
    blanks.add(
        "environment variable " + name + (value == null ? " is not set" : " is set but empty"));
    return "";
  }

  private static int earliest(int a, int b) {
    if (a < 0) {
      return b;
    }
    if (b < 0) {
      return a;
    }
    return Math.min(a, b);
  }
}
