package io.clusterdns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The server as real client libraries see it: the JDK's JNDI DNS provider and dnsjava. */
class ClientCompatibilityTest {
  private static ClusterDns server;

  @BeforeAll
  static void start() throws Exception {
    server = ClusterDns.builder()
        .corefile("example.org {\n hosts {\n  192.0.2.30 web.example.org\n  192.0.2.31 web.example.org\n  2001:db8::30 web.example.org\n }\n}\n")
        .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static DirContext jndi() throws Exception {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, "dns://127.0.0.1:" + server.udpAddress().getPort() + "/");
    env.put("com.sun.jndi.dns.timeout.initial", "2000");
    env.put("com.sun.jndi.dns.timeout.retries", "1");
    return new InitialDirContext(env);
  }

  @Test
  void jndiResolvesAddressRecords() throws Exception {
    DirContext context = jndi();
    try {
      Attribute a = context.getAttributes("web.example.org", new String[] {"A"}).get("A");
      assertEquals(2, a.size());
      assertTrue(List.of(a.get(0), a.get(1)).containsAll(List.of("192.0.2.30", "192.0.2.31")));
      Attributes aaaa = context.getAttributes("web.example.org", new String[] {"AAAA"});
      assertEquals("2001:db8::30", aaaa.get("AAAA").get(0).toString());
    } finally {
      context.close();
    }
  }

  @Test
  void jndiSeesNxdomainAsNameNotFound() throws Exception {
    DirContext context = jndi();
    try {
      assertThrows(NameNotFoundException.class, () -> context.getAttributes("missing.example.org", new String[] {"A"}));
    } finally {
      context.close();
    }
  }

  @Test
  void dnsjavaLookupResolvesOverUdpAndTcp() throws Exception {
    for (boolean tcp : new boolean[] {false, true}) {
      SimpleResolver resolver = new SimpleResolver(server.udpAddress());
      resolver.setTCP(tcp);
      resolver.setTimeout(Duration.ofSeconds(3));
      Lookup lookup = new Lookup(Name.fromString("web.example.org."), Type.A);
      lookup.setResolver(resolver);
      lookup.setCache(null);
      Record[] records = lookup.run();
      assertEquals(Lookup.SUCCESSFUL, lookup.getResult(), lookup.getErrorString());
      assertEquals(2, records.length);
    }
  }

  @Test
  void dnsjavaLookupReportsHostNotFound() throws Exception {
    SimpleResolver resolver = new SimpleResolver(server.udpAddress());
    Lookup lookup = new Lookup(Name.fromString("missing.example.org."), Type.A);
    lookup.setResolver(resolver);
    lookup.setCache(null);
    lookup.run();
    assertEquals(Lookup.HOST_NOT_FOUND, lookup.getResult());
  }
}
