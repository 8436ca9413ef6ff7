package io.clusterdns.plugin.cache;

import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Which cache a reply goes to, as CoreDNS's {@code response.Typify} decides it. */
enum ReplyKind {
  /** An answer, a delegation or an empty NOERROR without SOA: the success cache. */
  SUCCESS,
  /** NXDOMAIN or NODATA with an SOA: the denial cache, for the SOA's negative TTL. */
  DENIAL,
  /** SERVFAIL or NOTIMP: the denial cache, for the {@code servfail} duration. */
  SERVFAIL,
  /** Truncated, another error (REFUSED, FORMERR...), a zone transfer or a non-QUERY opcode. */
  UNCACHEABLE;

  /** Used when a reply has no record to take a TTL from, as CoreDNS's MinimalDefaultTTL. */
  static final long NO_RECORDS_TTL = 5;
  private static final long MAX_TTL = 3600;
  private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};

  static ReplyKind of(Message reply, int qtype) {
    if (reply.getHeader().getFlag(Flags.TC)
        || reply.getHeader().getOpcode() != Opcode.QUERY
        || qtype == Type.AXFR
        || qtype == Type.IXFR) {
      return UNCACHEABLE;
    }
    int rcode = reply.getRcode();
    boolean soa = hasType(reply.getSection(Section.AUTHORITY), Type.SOA);
    List<Record> answer = reply.getSection(Section.ANSWER);
    if (rcode == Rcode.NOERROR && !answer.isEmpty()) {
      // A CNAME chain that stops short of the asked type is only final when an SOA says so.
      return soa || reachesType(answer, qtype) ? SUCCESS : UNCACHEABLE;
    }
    if (soa && (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN)) {
      return DENIAL;
    }
    if (rcode == Rcode.SERVFAIL || rcode == Rcode.NOTIMP) {
      return SERVFAIL;
    }
    return rcode == Rcode.NOERROR ? SUCCESS : UNCACHEABLE;
  }

  /**
   * The lowest TTL in the reply (OPT left out), at most an hour; an SOA counts with the lower of
   * its TTL and its MINIMUM field, which is the negative TTL of RFC 2308.
   */
  static long minimalTtl(Message reply) {
    long lowest = MAX_TTL;
    boolean any = false;
    for (int section : SECTIONS) {
      for (Record record : reply.getSection(section)) {
        if (record.getType() == Type.OPT) {
          continue;
        }
        any = true;
        long ttl = record.getTTL();
        if (record instanceof SOARecord soa) {
          ttl = Math.min(ttl, soa.getMinimum());
        }
        lowest = Math.min(lowest, ttl);
      }
    }
    return any ? lowest : NO_RECORDS_TTL;
  }

  private static boolean reachesType(List<Record> answer, int qtype) {
    if (qtype == Type.CNAME || qtype == Type.ANY || !hasType(answer, Type.CNAME)) {
      return true;
    }
    return hasType(answer, qtype);
  }

  private static boolean hasType(List<Record> records, int type) {
    for (Record record : records) {
      if (record.getType() == type) {
        return true;
      }
    }
    return false;
  }
}
