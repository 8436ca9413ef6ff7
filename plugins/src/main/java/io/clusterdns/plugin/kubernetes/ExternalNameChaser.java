package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.ServerLookup;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Answers A/AAAA for an ExternalName service: its CNAME, then the target's records. A target in
 * one of our zones is answered here (with its own outcome when it has no such records, RFC
 * 6604); any other target goes through the whole server, and its failure leaves the CNAME alone.
 */
final class ExternalNameChaser {
  /** Longest CNAME chain followed, as CoreDNS. */
  static final int MAX_CHAIN = 10;

  private static final Logger LOG = LoggerFactory.getLogger(ExternalNameChaser.class);

  /** Answers a name inside one of the plugin's zones, one CNAME deeper. */
  @FunctionalInterface
  interface InZone {
    Answer answer(Name name, int qtype, ZoneMatch zone, int depth);
  }

  private final Name[] zones;
  private final ServerLookup lookup;

  ExternalNameChaser(List<Name> forwardZones, ServerLookup lookup) {
    this.zones = forwardZones.toArray(new Name[0]);
    this.lookup = lookup;
  }

  Answer chase(
      Request request, Name owner, Name target, int qtype, long ttl, int depth, InZone inZone) {
    Record cname = new CNAMERecord(owner, DClass.IN, ttl, target);
    if (depth + 1 >= MAX_CHAIN) {
      return Answer.positive(List.of(cname), List.of());
    }
    ZoneMatch zone = ZoneMatch.find(zones, target);
    if (zone != null) {
      return inZone.answer(target, qtype, zone, depth + 1).behind(cname);
    }
    return upstream(request, target, qtype).behind(cname);
  }

  private Answer upstream(Request request, Name target, int qtype) {
    Message reply;
    try {
      reply = lookup.lookup(request.withQuestion(target, qtype));
    } catch (Exception e) {
      LOG.debug("resolving ExternalName target {} failed: {}", target, e.toString());
      return Answer.positive(List.of(), List.of());
    }
    if (reply == null || reply.getRcode() != Rcode.NOERROR) {
      return Answer.positive(List.of(), List.of());
    }
    return new Answer(
        Rcode.NOERROR,
        reply.getSection(Section.ANSWER),
        List.of(),
        List.of(),
        reply.getHeader().getFlag(Flags.TC));
  }
}
