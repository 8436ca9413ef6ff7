package io.clusterdns.plugin.bind;

import static io.clusterdns.plugin.testkit.CorefileSnippets.assertRejected;
import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterdns.config.CorefileException;
import io.clusterdns.plugin.ListenAddresses;
import io.clusterdns.plugin.PluginRegistry;
import io.clusterdns.plugin.testkit.FakeSetupContext;
import io.clusterdns.plugin.testkit.Queries;
import io.clusterdns.plugin.testkit.RecordingChain;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

class BindSetupTest {
  private static List<String> addresses(String snippet) throws CorefileException {
    return BindSetup.parse(directive(snippet)).addresses().stream().map(InetAddress::getHostAddress).toList();
  }

  @Test
  void isRegisteredUnderItsDirectiveNameAndMayBeRepeated() {
    BindSetup setup = (BindSetup) PluginRegistry.load().find("bind").orElseThrow();
    assertTrue(setup.repeatable());
  }

  @Test
  void readsAddressesInOrderWithoutDuplicates() throws CorefileException {
    assertEquals(List.of("169.254.20.10", "10.96.0.10"), addresses("bind 169.254.20.10 10.96.0.10 169.254.20.10"));
    assertEquals(List.of("0:0:0:0:0:0:0:1", "127.0.0.2"), addresses("bind ::1 127.0.0.2"));
  }

  @Test
  void anInterfaceExpandsToItsAddressesAndExceptRemoves() throws CorefileException {
    List<String> loopback = addresses("bind lo");
    assertTrue(loopback.contains("127.0.0.1"), loopback.toString());

    List<InetAddress> v4 = BindSetup.parse(directive("bind lo {\n  except ::1\n}")).addresses();
    assertTrue(v4.stream().allMatch(a -> a instanceof Inet4Address), v4.toString());
    assertFalse(v4.isEmpty());

    assertEquals(List.of("127.0.0.3"), addresses("bind 127.0.0.2 127.0.0.3 {\n  except 127.0.0.2 127.0.0.9\n}"));
    assertEquals(List.of("127.0.0.9"), addresses("bind lo 127.0.0.9 {\n  except lo\n}"));
  }

  @Test
  void handlerGivesTheAddressesToTheServerAndPassesQueriesOn() throws Exception {
    var handler = new BindSetup().setup(directive("bind 127.0.0.2"), new FakeSetupContext("."));
    RecordingChain next = RecordingChain.answering();

    assertEquals(List.of(InetAddress.getByName("127.0.0.2")), ((ListenAddresses) handler).listenAddresses());
    assertEquals(RecordingChain.NEXT_RCODE, handler.serve(Queries.request("a.example.", Type.A), next).getRcode());
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "bind => Corefile:1:1: bind: missing argument, expected bind ADDRESS|INTERFACE...",
        "bind 127.0.0.1 nosuchif0 => Corefile:1:16: bind: 'nosuchif0' is neither an IP address nor a network interface of this host",
        "bind 10.0.0.300 => Corefile:1:6: bind: '10.0.0.300' is neither an IP address nor a network interface of this host",
        "bind 127.0.0.1 {\\n  except\\n} => Corefile:2:3: except: missing argument, expected except ADDRESS|INTERFACE...",
        "bind 127.0.0.1 {\\n  except 127.0.0.1\\n} => Corefile:1:1: bind: every address is excluded by except, nothing to listen on",
        "bind 127.0.0.1 {\\n  exept 127.0.0.1\\n} => Corefile:2:3: bind: unknown property 'exept'; did you mean 'except'?",
        "bind 127.0.0.1 {\\n  except eth99x\\n} => Corefile:2:10: bind: 'eth99x' is neither an IP address nor a network interface of this host",
      })
  void rejectsBadDirectivesNamingTheToken(String snippet, String message) {
    assertRejected(snippet, message, BindSetup::parse);
  }
}
