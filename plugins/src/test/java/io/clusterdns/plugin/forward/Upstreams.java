package io.clusterdns.plugin.forward;

import static io.clusterdns.plugin.testkit.CorefileSnippets.directive;

import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import io.clusterdns.plugin.testkit.Queries;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * Builds started handlers from Corefile snippets and queries for them; closes what it built, at
 * the end of each test when registered as an extension ({@code @RegisterExtension}).
 */
final class Upstreams implements AutoCloseable, AfterEachCallback {
  /** More TXT data than fits in 512 bytes, so NSD truncates it over UDP without EDNS0. */
  static final int BIG_RRSET = 40;

  private final Path dir;
  private final Clock clock;
  private final List<ForwardHandler> handlers = new ArrayList<>();

  Upstreams(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  ForwardHandler handler(String snippet) throws Exception {
    ForwardOptions options = ForwardSetup.parse(directive(snippet), dir);
    ForwardHandler handler = new ForwardHandler(
        options, options.upstreams().stream().anyMatch(UpstreamAddress::tls) ? TlsContexts.create(options.tls()) : null,
        clock);
    handler.start();
    handlers.add(handler);
    return handler;
  }

  static Request request(String name, int type, int id, Transport transport) {
    Message query = Message.newQuery(Record.newRecord(Queries.name(name), type, DClass.IN));
    query.getHeader().setID(id);
    return new Request(query, Queries.CLIENT, transport, ".", System.nanoTime());
  }

  /**
   * The records of example.org for the NSD upstream of a test: {@code www} A 192.0.2.1, {@code
   * more}, and the {@link #BIG_RRSET} TXT records of {@code big}.
   */
  static String[] exampleOrg(String... more) {
    List<String> records = new ArrayList<>();
    records.add("www IN A 192.0.2.1");
    records.addAll(List.of(more));
    for (int i = 0; i < BIG_RRSET; i++) {
      records.add("big IN TXT \"record " + i + " of a set that does not fit into 512 bytes\"");
    }
    return records.toArray(String[]::new);
  }

  /** The text of the first TXT record of the answer, which tells the upstreams apart. */
  static String txt(Message reply) {
    return reply.getSection(org.xbill.DNS.Section.ANSWER).stream()
        .filter(TXTRecord.class::isInstance).map(r -> ((TXTRecord) r).getStrings().get(0))
        .findFirst().orElse("no TXT in " + reply);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    handlers.forEach(ForwardHandler::close);
  }
}
