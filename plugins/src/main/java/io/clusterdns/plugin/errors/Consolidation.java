package io.clusterdns.plugin.errors;

import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * One {@code consolidate DURATION REGEXP [LEVEL] [show_first]} rule.
 *
 * @param period how long matching errors are counted before one summary line is printed
 * @param pattern matched (anywhere, as Go's MatchString) against the error message
 * @param level the level of the summary line (and of the first error with {@code showFirst})
 * @param showFirst print the first error of each period at once, in the usual form
 */
public record Consolidation(Duration period, Pattern pattern, Level level, boolean showFirst) {
  /** How CoreDNS prints a duration in the summary line, e.g. {@code 30s}, {@code 5m0s}. */
  String periodText() {
    return GoDurations.format(period);
  }
}
