package io.clusterdns.plugin.testkit;

import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import java.net.InetSocketAddress;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Builds real queries the way a client would, and reads replies back as zone-file text. */
public final class Queries {
  public static final InetSocketAddress CLIENT = new InetSocketAddress("10.1.2.3", 40212);

  private Queries() {}

  public static Request request(String qname, int type) {
    return request(qname, type, CLIENT, Transport.UDP);
  }

  public static Request request(String qname, int type, InetSocketAddress remote, Transport transport) {
    Message query = Message.newQuery(Record.newRecord(name(qname), type, DClass.IN));
    return new Request(query, remote, transport, ".", System.nanoTime());
  }

  /** A record from "OWNER TYPE RDATA" (absolute names, class IN, TTL 30), as tests write them. */
  public static Record record(String line) {
    String[] f = line.split(" ", 3);
    try {
      return Record.fromString(Name.fromString(f[0]), Type.value(f[1]), DClass.IN, 30, f[2], Name.root);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(line, e);
    }
  }

  public static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The records of one section, one zone-file line each, in message order. */
  public static java.util.List<String> section(Message reply, int section) {
    return reply.getSection(section).stream().map(Queries::text).toList();
  }

  /**
   * {@link #section}, with the serial of an SOA, which says only when the zone was built,
   * written {@code SERIAL}.
   */
  public static java.util.List<String> sectionWithoutSerial(Message reply, int section) {
    return section(reply, section).stream()
        .map(t -> t.contains(" SOA ") ? t.replaceFirst("(SOA \\S+ \\S+) \\d+", "$1 SERIAL") : t)
        .toList();
  }

  /** A record as zone-file text with single spaces: {@code a.example. 60 IN A 10.0.0.1}. */
  public static String text(Record record) {
    return record.getName() + " " + record.getTTL() + " " + DClass.string(record.getDClass()) + " "
        + Type.string(record.getType()) + " " + record.rdataToString();
  }

  public static java.util.List<String> answers(Message reply) {
    return section(reply, Section.ANSWER);
  }
}
