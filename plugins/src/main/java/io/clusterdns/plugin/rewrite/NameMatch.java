package io.clusterdns.plugin.rewrite;

/**
 * How a rule matches a name, and what the name becomes. Names are compared as lower-case text
 * with the trailing dot, as CoreDNS compares them.
 */
sealed interface NameMatch {
  /** The rewritten name, or null when {@code name} does not match. */
  String rewrite(String name);

  /** Whether {@code name} matches, without building the rewritten name. */
  boolean matches(String name);

  /**
   * The match that undoes this one, for {@code answer auto}; null for a regular expression,
   * which cannot be turned round (its answers get the question's own name back only).
   */
  NameMatch reversed();

  record Exact(String from, String to) implements NameMatch {
    @Override
    public String rewrite(String name) {
      return name.equals(from) ? to : null;
    }

    @Override
    public boolean matches(String name) {
      return name.equals(from);
    }

    @Override
    public NameMatch reversed() {
      return new Exact(to, from);
    }
  }

  record Prefix(String from, String to) implements NameMatch {
    @Override
    public String rewrite(String name) {
      return name.startsWith(from) ? to + name.substring(from.length()) : null;
    }

    @Override
    public boolean matches(String name) {
      return name.startsWith(from);
    }

    @Override
    public NameMatch reversed() {
      return new Prefix(to, from);
    }
  }

  record Suffix(String from, String to) implements NameMatch {
    @Override
    public String rewrite(String name) {
      return name.endsWith(from) ? name.substring(0, name.length() - from.length()) + to : null;
    }

    @Override
    public boolean matches(String name) {
      return name.endsWith(from);
    }

    @Override
    public NameMatch reversed() {
      return new Suffix(to, from);
    }
  }

  record Substring(String from, String to) implements NameMatch {
    @Override
    public String rewrite(String name) {
      return name.contains(from) ? name.replace(from, to) : null;
    }

    @Override
    public boolean matches(String name) {
      return name.contains(from);
    }

    @Override
    public NameMatch reversed() {
      return new Substring(to, from);
    }
  }

  record Regex(RegexTemplate template) implements NameMatch {
    @Override
    public String rewrite(String name) {
      return template.rewrite(name);
    }

    @Override
    public boolean matches(String name) {
      return template.pattern().matcher(name).find();
    }

    @Override
    public NameMatch reversed() {
      return null;
    }
  }
}
