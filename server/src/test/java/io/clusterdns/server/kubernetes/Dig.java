package io.clusterdns.server.kubernetes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Asks a real server over UDP and sums the reply up in one line a test can compare: the rcode,
 * then each answer record as its type and data, sorted, e.g. {@code "NOERROR A 10.96.0.1, A
 * 10.96.0.2"}; {@code "NOERROR"} alone is NODATA.
 */
final class Dig {
  private Dig() {}

  static Message ask(InetSocketAddress server, String name, int type) {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(5000);
      byte[] query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)).toWire();
      socket.send(new DatagramPacket(query, query.length, server));
      byte[] buffer = new byte[65535];
      DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
      socket.receive(reply);
      return new Message(Arrays.copyOf(buffer, reply.getLength()));
    } catch (IOException e) {
      throw new UncheckedIOException("asking " + server + " for " + name + " " + Type.string(type), e);
    }
  }

  static String answer(InetSocketAddress server, String name, int type) {
    return summary(ask(server, name, type));
  }

  /** Waits, polling every few milliseconds, until the server gives the expected answer. */
  static void awaitAnswer(InetSocketAddress server, String name, int type, String expected) {
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertEquals(expected, answer(server, name, type), name + " " + Type.string(type)));
  }

  static String summary(Message reply) {
    String records =
        reply.getSection(Section.ANSWER).stream()
            .map(r -> Type.string(r.getType()) + " " + r.rdataToString())
            .sorted()
            .collect(Collectors.joining(", "));
    String rcode = Rcode.string(reply.getRcode());
    return records.isEmpty() ? rcode : rcode + " " + records;
  }
}
