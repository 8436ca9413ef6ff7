package io.clusterdns.plugin.errors;

import java.util.List;

/**
 * The parsed {@code errors} directive.
 *
 * @param stacktrace log the failure's stack trace with its line
 * @param consolidations the {@code consolidate} rules in Corefile order; the first match wins
 */
public record ErrorsOptions(boolean stacktrace, List<Consolidation> consolidations) {
  public ErrorsOptions {
    consolidations = List.copyOf(consolidations);
  }
}
