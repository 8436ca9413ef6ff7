package io.clusterdns.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterdns.resolver.SearchList.AsIs;
import io.clusterdns.resolver.SearchList.Candidate;
import io.clusterdns.resolver.SearchList.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The candidate lists every resolver model walks. */
class SearchListTest {
  private static final List<String> SEARCH = List.of("default.svc.cluster.local", "svc.cluster.local.");

  private static List<String> names(String name, int ndots, AsIs absolute, AsIs enoughDots) {
    return SearchList.candidates(LookupName.of(name), ndots, SEARCH, absolute, enoughDots).stream()
        .map(Candidate::name).toList();
  }

  @Test
  void fewerDotsThanNdotsMeansTheSearchListThenTheNameAsGiven() {
    List<String> expected = List.of("web.default.svc.cluster.local", "web.svc.cluster.local", "web");
    for (AsIs rule : AsIs.values()) {
      assertEquals(expected, names("web", 1, rule, rule));
    }
  }

  @Test
  void enoughDotsPutTheNameAsGivenWhereTheLibraryDoes() {
    assertEquals(List.of("api.shop"), names("api.shop", 1, AsIs.ONLY, AsIs.ONLY));
    assertEquals(List.of("api.shop", "api.shop.default.svc.cluster.local", "api.shop.svc.cluster.local"),
        names("api.shop", 1, AsIs.ONLY, AsIs.FIRST));
    assertEquals(List.of("api.shop", "api.shop.default.svc.cluster.local", "api.shop.svc.cluster.local", "api.shop"),
        names("api.shop", 1, AsIs.ONLY, AsIs.FIRST_AND_LAST));
  }

  @Test
  void aTrailingDotFollowsItsOwnRule() {
    assertEquals(List.of("web.default"), names("web.default.", 5, AsIs.ONLY, AsIs.FIRST));
    assertEquals(List.of("web.default", "web.default.default.svc.cluster.local", "web.default.svc.cluster.local"),
        names("web.default.", 5, AsIs.FIRST, AsIs.ONLY));
  }

  @Test
  void aRootSearchDomainIsTheNameAsGivenMarkedRoot() {
    List<Candidate> candidates = SearchList.candidates(LookupName.of("web"), 1, List.of(".", "example.org"),
        AsIs.ONLY, AsIs.FIRST);
    assertEquals(List.of(new Candidate("web", Role.SEARCH, true), new Candidate("web.example.org", Role.SEARCH, false),
        new Candidate("web", Role.AS_IS_LAST, false)), candidates);
  }
}
