package io.clusterdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/** dnsjava's SimpleResolver against a test server: one absolute query, the whole reply. */
final class Dns {
  private Dns() {}

  static Message ask(InetSocketAddress server, String name, int type) {
    return ask(server, name, type, false);
  }

  static Message ask(InetSocketAddress server, String name, int type, boolean tcp) {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(3));
    try {
      return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answer section's data as text: addresses, targets. */
  static List<String> answers(Message reply) {
    return reply.getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList();
  }
}
