package io.clusterdns.resolver;

/**
 * A name as a resolver's search-list walk sees it: whether it was written with a trailing dot
 * (absolute: asked as it is), the name without that dot, and how many dots it has, which decides
 * against {@code ndots} whether it is asked as it is first.
 */
record LookupName(boolean absolute, String bare, long dots) {
  static LookupName of(String name) {
    boolean absolute = name.endsWith(".");
    String bare = absolute ? name.substring(0, name.length() - 1) : name;
    return new LookupName(absolute, bare, bare.chars().filter(c -> c == '.').count());
  }

  /** The name with a search domain appended (the domain written with or without its final dot). */
  String under(String domain) {
    return bare + "." + withoutFinalDot(domain);
  }

  static String withoutFinalDot(String domain) {
    return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
  }
}
