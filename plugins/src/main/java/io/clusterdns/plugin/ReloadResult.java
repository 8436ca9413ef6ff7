package io.clusterdns.plugin;

import java.util.List;

/**
 * What a {@link ServerControl#reload} did.
 *
 * @param outcome whether the configuration changed and was applied
 * @param digest the SHA-512 (hex) of the Corefile and its imports as just read
 * @param problems for {@link Outcome#FAILED}, each problem as {@code file:line:column: message}
 */
public record ReloadResult(Outcome outcome, String digest, List<String> problems) {
  public ReloadResult {
    problems = List.copyOf(problems);
  }

  /** What happened to the Corefile read. */
  public enum Outcome {
    /** Its digest is the one read last time (running, or failed and already reported). */
    UNCHANGED,
    /** It changed and now runs. */
    RELOADED,
    /** It changed but does not parse, set up or start; the running configuration stays. */
    FAILED
  }
}
