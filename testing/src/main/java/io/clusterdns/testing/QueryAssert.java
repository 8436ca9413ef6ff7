package io.clusterdns.testing;

import io.clusterdns.plugin.Transport;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.xbill.DNS.Type;

/**
 * Fluent checks on a query log that fail with the whole log in the message:
 * {@code dns.assertQueries().named("nginx-service.default.svc.cluster.local").ofType(Type.AAAA).hasSize(1)}.
 * Each filter narrows the queries the next check looks at.
 */
public final class QueryAssert {
  private final List<QueryRecord> all;
  private final List<QueryRecord> selected;
  private final String description;

  QueryAssert(List<QueryRecord> all) {
    this(all, all, "queries");
  }

  private QueryAssert(List<QueryRecord> all, List<QueryRecord> selected, String description) {
    this.all = all;
    this.selected = selected;
    this.description = description;
  }

  /** Only queries for this name (no trailing dot needed; case ignored). */
  public QueryAssert named(String name) {
    String bare = name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    return filter(q -> q.name().equalsIgnoreCase(bare), "named " + bare);
  }

  public QueryAssert ofType(int type) {
    return filter(q -> q.type() == type, "of type " + Type.string(type));
  }

  public QueryAssert over(Transport transport) {
    return filter(q -> q.transport() == transport, "over " + transport.label());
  }

  public QueryAssert matching(Predicate<QueryRecord> predicate, String what) {
    return filter(predicate, what);
  }

  public QueryAssert hasSize(int expected) {
    if (selected.size() != expected) {
      fail("expected " + expected + " " + description + ", got " + selected.size());
    }
    return this;
  }

  public QueryAssert isNotEmpty() {
    if (selected.isEmpty()) {
      fail("expected some " + description + ", got none");
    }
    return this;
  }

  public QueryAssert isEmpty() {
    if (!selected.isEmpty()) {
      fail("expected no " + description + ", got " + selected.size());
    }
    return this;
  }

  /** The names of the selected queries are exactly these, in this order. */
  public QueryAssert namesAre(String... names) {
    List<String> actual = selected.stream().map(QueryRecord::name).toList();
    if (!actual.equals(List.of(names))) {
      fail("expected the " + description + " to be for " + List.of(names) + ", got " + actual);
    }
    return this;
  }

  /** Every selected query was answered with this rcode ({@link org.xbill.DNS.Rcode}). */
  public QueryAssert allAnsweredWith(int rcode) {
    for (QueryRecord query : selected) {
      if (query.rcode() != rcode) {
        fail("expected every one of the " + description + " answered with " + org.xbill.DNS.Rcode.string(rcode)
            + ", but " + query);
      }
    }
    return this;
  }

  /** The selected queries, for checks of your own. */
  public List<QueryRecord> list() {
    return selected;
  }

  private QueryAssert filter(Predicate<QueryRecord> predicate, String what) {
    return new QueryAssert(all, selected.stream().filter(predicate).toList(), description + " " + what);
  }

  private void fail(String message) {
    throw new AssertionError(message + "; the server received:\n"
        + (all.isEmpty() ? "  (nothing)" : all.stream().map(q -> "  " + q).collect(Collectors.joining("\n"))));
  }
}
