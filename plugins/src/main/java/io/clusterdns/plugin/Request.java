package io.clusterdns.plugin;

import java.net.InetSocketAddress;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One query as the plugin chain sees it: the parsed message, its single question, where it came
 * from, and the zone of the server block that took it. Immutable; {@link #withQuestion} makes the
 * request a plugin sends down the chain for another name (autopath, CNAME chasing).
 */
public final class Request {
  private final Message query;
  private final Record question;
  private final InetSocketAddress remote;
  private final Transport transport;
  private final String zone;
  private final long startNanos;

  public Request(
      Message query, InetSocketAddress remote, Transport transport, String zone, long startNanos) {
    this.query = query;
    this.question = query.getQuestion();
    this.remote = remote;
    this.transport = transport;
    this.zone = zone;
    this.startNanos = startNanos;
  }

  /**
   * A copy of the query as parsed, for a plugin that sends it on (forward) or changes it: the
   * request itself stays as received.
   */
  public Message query() {
    return query.clone();
  }

  /** The query as parsed, not to be changed: for {@link Replies}, which only reads it. */
  Message queryMessage() {
    return query;
  }

  /** The query's opcode. */
  public int opcode() {
    return query.getHeader().getOpcode();
  }

  /** The size of the query as received, in bytes (0 for a query built in-process). */
  public int size() {
    return query.numBytes();
  }

  public Record question() {
    return question;
  }

  /** The question's name exactly as the client spelled it. */
  public Name qname() {
    return question.getName();
  }

  public int qtype() {
    return question.getType();
  }

  public int qclass() {
    return question.getDClass();
  }

  public int id() {
    return query.getHeader().getID();
  }

  /**
   * Whether the query's header has {@code flag} ({@link org.xbill.DNS.Flags#RD}, {@code CD},
   * {@code AD}…): read in place, where {@link #query} would copy the message.
   */
  public boolean flag(int flag) {
    return query.getHeader().getFlag(flag);
  }

  public InetSocketAddress remote() {
    return remote;
  }

  public Transport transport() {
    return transport;
  }

  /** The zone (lower case, with trailing dot) of the server block that took this query. */
  public String zone() {
    return zone;
  }

  /** {@link System#nanoTime()} when the packet was received. */
  public long startNanos() {
    return startNanos;
  }

  /** The client's EDNS0 UDP size, or 0 when the query had no OPT record. */
  public int ednsUdpSize() {
    return query.getOPT() == null ? 0 : query.getOPT().getPayloadSize();
  }

  /** The query's OPT record, or null when it had no EDNS0. */
  public org.xbill.DNS.OPTRecord opt() {
    return query.getOPT();
  }

  /** Whether the query set the DNSSEC OK bit. */
  public boolean dnssecOk() {
    return query.getOPT() != null && (query.getOPT().getFlags() & org.xbill.DNS.ExtendedFlags.DO) != 0;
  }

  /** A request for another name and type, keeping the client, transport, ID and flags. */
  public Request withQuestion(Name name, int type) {
    Message copy = query.clone();
    copy.removeAllRecords(org.xbill.DNS.Section.QUESTION);
    copy.addRecord(Record.newRecord(name, type, qclass()), org.xbill.DNS.Section.QUESTION);
    return new Request(copy, remote, transport, zone, startNanos);
  }

  /** The same request as taken by the server block of another zone. */
  public Request inZone(String otherZone) {
    return otherZone.equals(zone) ? this : new Request(query, remote, transport, otherZone, startNanos);
  }

  @Override
  public String toString() {
    return question + " from " + remote + "/" + transport.label();
  }
}
