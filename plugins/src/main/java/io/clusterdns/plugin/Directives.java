package io.clusterdns.plugin;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/** Checks shared by plugin setups, each failing with a message that names the bad token. */
public final class Directives {
  private Directives() {}

  public static void noBlock(Directive directive) throws CorefileException {
    if (directive.hasBlock()) {
      throw new CorefileException(
          directive.name(), "plugin " + directive.nameText() + " takes no block");
    }
  }

  public static void noArgs(Directive directive) throws CorefileException {
    if (!directive.args().isEmpty()) {
      throw new CorefileException(
          directive.args().get(0),
          "unexpected argument '" + directive.args().get(0).text() + "': "
              + directive.nameText() + " takes no arguments");
    }
  }

  /** Requires between {@code min} and {@code max} arguments. */
  public static void argCount(Directive directive, int min, int max, String usage)
      throws CorefileException {
    int n = directive.args().size();
    if (n < min) {
      throw new CorefileException(
          directive.name(), directive.nameText() + ": missing argument, expected " + usage);
    }
    if (n > max) {
      Token extra = directive.args().get(max);
      throw new CorefileException(
          extra, directive.nameText() + ": unexpected argument '" + extra.text() + "', expected " + usage);
    }
  }

  public static int integer(Token token, int min, int max, String what) throws CorefileException {
    try {
      int value = Integer.parseInt(token.text());
      if (value < min || value > max) {
        throw new CorefileException(
            token, what + " must be between " + min + " and " + max + ", got '" + token.text() + "'");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new CorefileException(token, what + " must be a whole number, got '" + token.text() + "'");
    }
  }

  /** A Go-style duration: {@code 500ms}, {@code 5s}, {@code 1m30s}, {@code 2h}. */
  public static Duration duration(Token token, String what) throws CorefileException {
    String text = token.text();
    Duration total = Duration.ZERO;
    int i = 0;
    if (text.isEmpty()) {
      throw new CorefileException(token, what + " must be a duration such as 5s");
    }
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      int unitStart = i;
      while (i < text.length() && Character.isLetter(text.charAt(i))) {
        i++;
      }
      if (start == unitStart || unitStart == i) {
        throw new CorefileException(token, what + " must be a duration such as 5s, got '" + text + "'");
      }
      double amount;
      try {
        amount = Double.parseDouble(text.substring(start, unitStart));
      } catch (NumberFormatException e) {
        throw new CorefileException(token, what + " must be a duration such as 5s, got '" + text + "'");
      }
      long nanosPerUnit;
      switch (text.substring(unitStart, i)) {
        case "ns": nanosPerUnit = 1L; break;
        case "us": case "µs": nanosPerUnit = 1_000L; break;
        case "ms": nanosPerUnit = 1_000_000L; break;
        case "s": nanosPerUnit = 1_000_000_000L; break;
        case "m": nanosPerUnit = 60_000_000_000L; break;
        case "h": nanosPerUnit = 3_600_000_000_000L; break;
        default:
          throw new CorefileException(
              token, what + ": unknown unit '" + text.substring(unitStart, i) + "' in '" + text
                  + "', expected ns, us, ms, s, m or h");
      }
      total = total.plusNanos(Math.round(amount * nanosPerUnit));
    }
    return total;
  }

  /** An "unknown property" error that suggests the closest known one. */
  public static CorefileException unknownProperty(
      Directive plugin, Directive property, Collection<String> known) {
    String bad = property.nameText();
    Optional<String> best =
        known.stream().min((a, b) -> EditDistance.between(bad, a) - EditDistance.between(bad, b));
    String hint =
        best.filter(b -> EditDistance.between(bad, b) <= Math.max(2, bad.length() / 2))
            .map(b -> "; did you mean '" + b + "'?")
            .orElse("; expected one of " + String.join(", ", known));
    return new CorefileException(
        property.name(), plugin.nameText() + ": unknown property '" + bad + "'" + hint);
  }
}
