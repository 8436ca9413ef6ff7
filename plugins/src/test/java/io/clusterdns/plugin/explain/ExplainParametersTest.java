package io.clusterdns.plugin.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterdns.resolver.ResolverBehaviour;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

class ExplainParametersTest {
  @Test
  void defaultsToAnAQueryByGlibcInNoGivenNamespace() {
    ExplainQuestion question = ExplainParameters.parse("name=my-service");

    assertEquals(new ExplainQuestion("my-service", Type.A, ResolverBehaviour.SEARCH_LIST, null, null, null), question);
  }

  @Test
  void readsEveryParameterDecoded() throws Exception {
    ExplainQuestion question = ExplainParameters.parse(
        "name=web.shop%2E&namespace=shop&pod_ip=10.244.0.5&resolver=c-ares&type=aaaa&ndots=2");

    assertEquals(new ExplainQuestion("web.shop.", Type.AAAA, ResolverBehaviour.C_ARES, "shop",
        InetAddress.getByName("10.244.0.5"), 2), question);
  }

  @Test
  void namesEveryResolverByItsLibrary() {
    for (ResolverBehaviour behaviour : ResolverBehaviour.values()) {
      assertEquals(behaviour, ResolverNames.parse(ResolverNames.name(behaviour)));
      assertEquals(behaviour, ResolverNames.parse(behaviour.name()));
    }
    assertNull(ExplainParameters.parse("name=x").podIp());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "`` => missing parameter 'name', the name to explain, as in /explain?name=my-service",
        "namespace=shop => missing parameter 'name', the name to explain, as in /explain?name=my-service",
        "name=x&nmae=y => unknown parameter 'nmae', expected name, namespace, pod_ip, resolver, type, ndots",
        "name=x&name=y => parameter 'name' given twice",
        "name=x&type=BOGUS => unknown query type 'BOGUS', expected A, AAAA, SRV, PTR, TXT…",
        "name=x&resolver=uclibc => unknown resolver 'uclibc', expected glibc, musl, go, c-ares, c-ares-search, dnsjava, bind-tools, bind-host",
        "name=x&pod_ip=10.244.0 => pod_ip '10.244.0' is not an IP address",
        "name=x&ndots=many => ndots 'many' is not a number",
        "name=x&ndots=16 => ndots must be 0 to 15, got 16",
        "name=x&namespace= => parameter 'namespace' is empty",
      })
  void rejectsABadQueryStringSayingWhy(String query, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExplainParameters.parse(query));
    assertEquals(message, e.getMessage());
  }
}
