package io.clusterdns.plugin.kubernetes;

/** The {@code pods} option: whether and how {@code a-b-c-d.<ns>.pod.<zone>} names are answered. */
public enum PodsMode {
  /** Pod names never exist. */
  DISABLED,
  /** The address is read from the name itself, with no check against the cluster. */
  INSECURE,
  /** Answered only when a running Pod of that namespace has exactly that address. */
  VERIFIED;

  /** The mode named in the Corefile, or null when the word is not a mode. */
  static PodsMode fromWord(String word) {
    switch (word) {
      case "disabled":
        return DISABLED;
      case "insecure":
        return INSECURE;
      case "verified":
        return VERIFIED;
      default:
        return null;
    }
  }
}
