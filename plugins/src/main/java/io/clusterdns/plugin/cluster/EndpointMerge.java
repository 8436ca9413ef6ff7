package io.clusterdns.plugin.cluster;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of a Service as answers list them, from the endpoints of all its slices. Merging
 * what is merged already changes nothing, so a source may merge each slice as it converts it (in
 * parallel) and a Service with one slice then costs one ordered pass when the view is built.
 */
public final class EndpointMerge {
  private EndpointMerge() {}

  /**
   * One endpoint with the key it sorts by, made once for the sort instead of per comparison: an
   * IPv4 address's text as a number ({@link #textKey}), an IPv6 address's text.
   */
  private record Keyed(long v4, String v6, EndpointInfo endpoint) implements Comparable<Keyed> {
    Keyed(EndpointInfo endpoint) {
      this(v4Key(endpoint.address()), v6Text(endpoint.address()), endpoint);
    }

    private static long v4Key(InetAddress address) {
      return address instanceof Inet4Address ? textKey(address) : -1;
    }

    private static String v6Text(InetAddress address) {
      return address instanceof Inet4Address ? null : address.getHostAddress();
    }

    @Override
    public int compareTo(Keyed other) {
      if ((v6 == null) != (other.v6 == null)) {
        return v6 == null ? -1 : 1;
      }
      return v6 == null ? Long.compare(v4, other.v4) : v6.compareTo(other.v6);
    }
  }

  /**
   * One endpoint per address (the first of each address, with the ports of all and the first
   * hostname, Pod name and zone any of them has), IPv4 before IPv6, each family in the order of
   * the addresses as text. Unmodifiable.
   */
  public static List<EndpointInfo> merge(Collection<EndpointInfo> raw) {
    if (raw.isEmpty()) {
      return List.of();
    }
    if (inAnswerOrder(raw)) {
      // One address each, in order: already merged (an unmodifiable list is returned as it is).
      return List.copyOf(raw);
    }
    Map<InetAddress, Integer> firstAt = new HashMap<>(raw.size() * 4 / 3 + 1);
    List<EndpointInfo> distinct = new ArrayList<>(raw.size());
    for (EndpointInfo e : raw) {
      Integer at = firstAt.putIfAbsent(e.address(), distinct.size());
      if (at == null) {
        distinct.add(e);
      } else {
        distinct.set(at, merged(distinct.get(at), e));
      }
    }
    Keyed[] keyed = new Keyed[distinct.size()];
    for (int i = 0; i < keyed.length; i++) {
      keyed[i] = new Keyed(distinct.get(i));
    }
    Arrays.sort(keyed);
    EndpointInfo[] sorted = new EndpointInfo[keyed.length];
    for (int i = 0; i < keyed.length; i++) {
      sorted[i] = keyed[i].endpoint();
    }
    return List.of(sorted);
  }

  /** Whether each endpoint sorts strictly after the one before, so no address is there twice. */
  private static boolean inAnswerOrder(Collection<EndpointInfo> endpoints) {
    Iterator<EndpointInfo> all = endpoints.iterator();
    InetAddress previous = all.next().address();
    while (all.hasNext()) {
      InetAddress next = all.next().address();
      boolean v4 = previous instanceof Inet4Address;
      if (v4 != next instanceof Inet4Address) {
        if (!v4) {
          return false;
        }
      } else if (v4 ? textKey(previous) >= textKey(next)
          : previous.getHostAddress().compareTo(next.getHostAddress()) >= 0) {
        return false;
      }
      previous = next;
    }
    return true;
  }

  /**
   * The dotted text of an IPv4 address as a number that sorts as the text does, made without the
   * text: four bits a character ('.' as 1, digits as 2 to 11), the at most 15 characters from the
   * top, a shorter text padded with zeros so that it sorts before any text it starts.
   */
  static long textKey(InetAddress address) {
    byte[] octets = address.getAddress();
    long key = 0;
    int characters = 0;
    for (int i = 0; i < octets.length; i++) {
      int octet = octets[i] & 0xFF;
      if (i > 0) {
        key = key << 4 | 1;
        characters++;
      }
      if (octet >= 100) {
        key = key << 4 | (2 + octet / 100);
        characters++;
      }
      if (octet >= 10) {
        key = key << 4 | (2 + octet / 10 % 10);
        characters++;
      }
      key = key << 4 | (2 + octet % 10);
      characters++;
    }
    return key << (4 * (15 - characters));
  }

  private static EndpointInfo merged(EndpointInfo seen, EndpointInfo e) {
    List<PortInfo> ports = new ArrayList<>(seen.ports());
    for (PortInfo p : e.ports()) {
      if (!ports.contains(p)) {
        ports.add(p);
      }
    }
    return new EndpointInfo(
        seen.address(),
        seen.hostname() != null ? seen.hostname() : e.hostname(),
        seen.podName() != null ? seen.podName() : e.podName(),
        seen.zone() != null ? seen.zone() : e.zone(),
        ports);
  }
}
