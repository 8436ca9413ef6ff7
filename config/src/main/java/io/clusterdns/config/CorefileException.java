package io.clusterdns.config;

/**
 * A Corefile that cannot be used. The message starts with {@code file:line:column} of the
 * offending token and says what was expected instead.
 */
public class CorefileException extends Exception {
  private final Location location;
  private final String problem;

  public CorefileException(Location location, String problem) {
    super(location + ": " + problem);
    this.location = location;
    this.problem = problem;
  }

  public CorefileException(Token token, String problem) {
    this(token.location(), problem);
  }

  public Location location() {
    return location;
  }

  /** The message without its location prefix. */
  public String problem() {
    return problem;
  }
}
