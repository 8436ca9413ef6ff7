package io.clusterdns.resolver;

import java.util.ArrayList;
import java.util.List;

/**
 * The names a resolver tries for one lookup, in order: the part of the search-list walk every
 * library shares. They differ only in where the name as given goes, for a name written with a
 * trailing dot and for one with at least {@code ndots} dots ({@link AsIs}); a name with fewer
 * dots is always tried with each search domain, then as it is. What ends the walk is each
 * model's own.
 */
final class SearchList {
  /** Where the name as given goes among the candidates. */
  enum AsIs {
    /** Only the name as given: no search list. */
    ONLY,
    /** The name as given, then each search domain. */
    FIRST,
    /** The name as given, each search domain, then the name as given again. */
    FIRST_AND_LAST
  }

  /** Which place a candidate has in the walk. */
  enum Role {
    AS_IS_FIRST,
    SEARCH,
    AS_IS_LAST
  }

  /**
   * One name to try. {@code root} marks a search domain that is the root ({@code .}), whose
   * candidate is the name as given.
   */
  record Candidate(String name, Role role, boolean root) {}

  private SearchList() {}

  /**
   * The candidates for {@code asked}: {@code absolute} says what a trailing dot does,
   * {@code enoughDots} what at least {@code ndots} dots do.
   */
  static List<Candidate> candidates(LookupName asked, int ndots, List<String> search, AsIs absolute,
      AsIs enoughDots) {
    AsIs asIs = asked.absolute() ? absolute : asked.dots() >= ndots ? enoughDots : null;
    List<Candidate> candidates = new ArrayList<>();
    if (asIs != null) {
      candidates.add(new Candidate(asked.bare(), Role.AS_IS_FIRST, false));
      if (asIs == AsIs.ONLY) {
        return candidates;
      }
    }
    for (String domain : search) {
      // A leading dot, as glibc skips it; what is left empty is the root.
      String suffix = LookupName.withoutFinalDot(domain.startsWith(".") ? domain.substring(1) : domain);
      candidates.add(suffix.isEmpty()
          ? new Candidate(asked.bare(), Role.SEARCH, true)
          : new Candidate(asked.under(suffix), Role.SEARCH, false));
    }
    if (asIs == null || asIs == AsIs.FIRST_AND_LAST) {
      candidates.add(new Candidate(asked.bare(), Role.AS_IS_LAST, false));
    }
    return candidates;
  }
}
