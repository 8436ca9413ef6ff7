package io.clusterdns.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolv.conf file as glibc reads it (resolv.conf(5)): the name servers, the search list and
 * the options, in the order written. Used by {@code forward} to find upstreams and to model what
 * a pod's resolver sends. Immutable.
 *
 * <p>Reading follows glibc: a line is a keyword and its words; a line starting with {@code #} or
 * {@code ;} is a comment; {@code domain} and {@code search} both set the search list and the
 * later line wins; {@code options} may appear several times and a later value wins; unknown
 * keywords and options are ignored, as a resolver ignores them.
 *
 * @param nameservers addresses as written, in order (glibc uses the first {@link #MAX_NAMESERVERS})
 * @param search the search list; {@code domain X} is the list {@code [X]}
 * @param options each option by name, with its value or {@code ""} for a flag, in the order
 *     first written
 */
public record ResolvConf(List<String> nameservers, List<String> search, Map<String, String> options) {
  /** How many name servers glibc (and kubelet) use; the rest are ignored. */
  public static final int MAX_NAMESERVERS = 3;
  /** glibc's default and ceiling for {@code ndots}. */
  public static final int DEFAULT_NDOTS = 1;
  public static final int MAX_NDOTS = 15;
  /** glibc's default and ceiling for {@code timeout} (seconds) and {@code attempts}. */
  public static final int DEFAULT_TIMEOUT = 5;
  public static final int MAX_TIMEOUT = 30;
  public static final int DEFAULT_ATTEMPTS = 2;
  public static final int MAX_ATTEMPTS = 5;

  public ResolvConf {
    nameservers = List.copyOf(nameservers);
    search = List.copyOf(search);
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** Reads a resolv.conf file; unreadable → the exception, as the caller must say which file. */
  public static ResolvConf read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Reads resolv.conf text. Never fails: a resolver reads any file and ignores what it does not know. */
  public static ResolvConf parse(String text) {
    List<String> nameservers = new ArrayList<>();
    List<String> search = List.of();
    Map<String, String> options = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
        continue;
      }
      String[] words = line.strip().split("[ \t]+");
      if (words.length < 2) {
        continue;
      }
      switch (words[0]) {
        case "nameserver" -> nameservers.add(words[1]);
        case "domain" -> search = List.of(words[1]);
        case "search" -> search = List.of(words).subList(1, words.length);
        case "options" -> {
          for (int i = 1; i < words.length; i++) {
            int colon = words[i].indexOf(':');
            if (colon < 0) {
              options.put(words[i], "");
            } else {
              options.put(words[i].substring(0, colon), words[i].substring(colon + 1));
            }
          }
        }
        default -> {
          // Unknown keywords (sortlist, lookup, …) do not change what is resolved here.
        }
      }
    }
    return new ResolvConf(nameservers, search, options);
  }

  /** The {@code ndots} in effect: the option's value capped at 15, or 1. */
  public int ndots() {
    return number("ndots", DEFAULT_NDOTS, MAX_NDOTS);
  }

  /** The {@code timeout} in effect, in seconds: the option capped at 30, or 5. */
  public int timeout() {
    return number("timeout", DEFAULT_TIMEOUT, MAX_TIMEOUT);
  }

  /** The {@code attempts} in effect: the option capped at 5, or 2. */
  public int attempts() {
    return number("attempts", DEFAULT_ATTEMPTS, MAX_ATTEMPTS);
  }

  /** Whether a flag option ({@code rotate}, {@code edns0}, {@code single-request}, …) is set. */
  public boolean has(String option) {
    return options.containsKey(option);
  }

  /** The name servers a glibc resolver uses: the first three, or 127.0.0.1 when none is listed. */
  public List<String> effectiveNameservers() {
    return nameservers.isEmpty()
        ? List.of("127.0.0.1")
        : nameservers.subList(0, Math.min(MAX_NAMESERVERS, nameservers.size()));
  }

  /** The option's value as written, when it has one. */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name)).filter(v -> !v.isEmpty());
  }

  private int number(String name, int fallback, int max) {
    String value = options.get(name);
    if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return fallback;
    }
    return value.length() > 3 ? max : Math.min(Integer.parseInt(value), max);
  }

  /** The file's text: what kubelet would write for this configuration. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (String server : nameservers) {
      out.append("nameserver ").append(server).append('\n');
    }
    if (!search.isEmpty()) {
      out.append("search ").append(String.join(" ", search)).append('\n');
    }
    if (!options.isEmpty()) {
      out.append("options");
      options.forEach((name, value) -> out.append(' ').append(name).append(value.isEmpty() ? "" : ":" + value));
      out.append('\n');
    }
    return out.toString();
  }
}
