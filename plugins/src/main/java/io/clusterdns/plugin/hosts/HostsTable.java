package io.clusterdns.plugin.hosts;

import io.clusterdns.config.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The parsed entries of a hosts file, immutable and swapped whole on reload. Names are
 * compared without case (dnsjava's {@link Name} equality), so lookups need no lower-casing.
 */
final class HostsTable {
  static final HostsTable EMPTY = new HostsTable(Map.of(), Map.of(), Map.of());

  private final Map<Name, List<InetAddress>> v4;
  private final Map<Name, List<InetAddress>> v6;
  private final Map<InetAddress, List<Name>> reverse;

  private HostsTable(
      Map<Name, List<InetAddress>> v4, Map<Name, List<InetAddress>> v6, Map<InetAddress, List<Name>> reverse) {
    this.v4 = v4;
    this.v6 = v6;
    this.reverse = reverse;
  }

  /**
   * Parses hosts(5) lines: {@code IP NAME...}, {@code #} comments. Lines whose address does not
   * parse and names outside {@code origins} are skipped, as CoreDNS does.
   */
  static HostsTable parse(List<String> lines, List<Name> origins, boolean withReverse) {
    Builder builder = new Builder();
    for (String line : lines) {
      builder.add(line, origins, withReverse);
    }
    return builder.build();
  }

  /** This table's entries followed by {@code other}'s, without duplicates. */
  HostsTable plus(HostsTable other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    return new HostsTable(merge(v4, other.v4), merge(v6, other.v6), merge(reverse, other.reverse));
  }

  List<InetAddress> ipv4(Name name) {
    return v4.getOrDefault(name, List.of());
  }

  List<InetAddress> ipv6(Name name) {
    return v6.getOrDefault(name, List.of());
  }

  List<Name> names(InetAddress address) {
    return reverse.getOrDefault(address, List.of());
  }

  boolean hasName(Name name) {
    return v4.containsKey(name) || v6.containsKey(name);
  }

  /** Number of forward and reverse mappings. */
  int size() {
    return count(v4) + count(v6) + count(reverse);
  }

  private boolean isEmpty() {
    return v4.isEmpty() && v6.isEmpty() && reverse.isEmpty();
  }

  private static <K, V> int count(Map<K, List<V>> map) {
    return map.values().stream().mapToInt(List::size).sum();
  }

  private static <K, V> Map<K, List<V>> merge(Map<K, List<V>> first, Map<K, List<V>> second) {
    Map<K, List<V>> merged = new HashMap<>(first);
    second.forEach(
        (key, values) ->
            merged.merge(
                key,
                values,
                (a, b) -> {
                  List<V> all = new ArrayList<>(a);
                  b.stream().filter(v -> !all.contains(v)).forEach(all::add);
                  return List.copyOf(all);
                }));
    return Map.copyOf(merged);
  }

  private static final class Builder {
    private final Map<Name, List<InetAddress>> v4 = new LinkedHashMap<>();
    private final Map<Name, List<InetAddress>> v6 = new LinkedHashMap<>();
    private final Map<InetAddress, List<Name>> reverse = new LinkedHashMap<>();

    void add(String line, List<Name> origins, boolean withReverse) {
      int comment = line.indexOf('#');
      String[] fields = (comment >= 0 ? line.substring(0, comment) : line).trim().split("\\s+");
      if (fields.length < 2) {
        return;
      }
      Optional<InetAddress> parsed = IpLiteral.parse(fields[0]);
      if (parsed.isEmpty()) {
        return;
      }
      InetAddress address = parsed.get();
      Map<Name, List<InetAddress>> forward = address instanceof Inet4Address ? v4 : v6;
      for (int i = 1; i < fields.length; i++) {
        Optional<Name> name = hostName(fields[i]);
        if (name.isEmpty() || !within(name.get(), origins)) {
          continue;
        }
        addOnce(forward, name.get(), address);
        if (withReverse) {
          addOnce(reverse, address, name.get());
        }
      }
    }

    HostsTable build() {
      return new HostsTable(freeze(v4), freeze(v6), freeze(reverse));
    }

    private static <K, V> void addOnce(Map<K, List<V>> map, K key, V value) {
      List<V> values = map.computeIfAbsent(key, k -> new ArrayList<>());
      if (!values.contains(value)) {
        values.add(value);
      }
    }

    private static <K, V> Map<K, List<V>> freeze(Map<K, List<V>> map) {
      Map<K, List<V>> frozen = new HashMap<>();
      map.forEach((key, values) -> frozen.put(key, List.copyOf(values)));
      return Map.copyOf(frozen);
    }

    private static boolean within(Name name, List<Name> origins) {
      for (Name origin : origins) {
        if (name.subdomain(origin)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A host name as a lower-case absolute name, or empty when it is not a valid name. */
  static Optional<Name> hostName(String text) {
    try {
      return Optional.of(Name.fromString(text.toLowerCase(java.util.Locale.ROOT), Name.root));
    } catch (TextParseException e) {
      return Optional.empty();
    }
  }
}
