package io.clusterdns.testing;

import java.util.regex.Pattern;

/** Kubernetes' rules for the names the builders take, so that a bad name fails where it is written. */
final class KubeNames {
  private static final int MAX_LABEL = 63;
  private static final int MAX_SUBDOMAIN = 253;
  /** RFC 1123 label: Namespaces, endpoint host names. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  /** RFC 1035 label: Service names, which must start with a letter. */
  private static final Pattern SERVICE = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  /** RFC 1123 subdomain: Pod names. */
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private KubeNames() {}

  static String label(String what, String name) {
    return check(what, name, LABEL, MAX_LABEL, "lower-case letters, digits and '-', starting and ending alphanumeric");
  }

  static String service(String name) {
    return check("Service name", name, SERVICE, MAX_LABEL, "lower-case letters, digits and '-', starting with a letter");
  }

  static String subdomain(String what, String name) {
    return check(what, name, SUBDOMAIN, MAX_SUBDOMAIN, "dot-separated lower-case labels of letters, digits and '-'");
  }

  private static String check(String what, String name, Pattern pattern, int max, String rule) {
    if (name == null || name.length() > max || !pattern.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " '" + name + "' is not valid in Kubernetes: " + rule
          + ", at most " + max + " characters");
    }
    return name;
  }
}
