package io.clusterdns.plugin.cluster;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Fallthrough;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.ServerLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The steps that k8s_external and k8s_gateway take alike with a reply built from the cluster
 * view: following a load balancer's host name through the server, and the last word on a reply
 * (fallthrough, and no negative answer before the first full sync).
 */
public final class ClusterReplies {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterReplies.class);

  private ClusterReplies() {}

  /**
   * Adds {@code qname CNAME target} to the answer of {@code reply}, then what the target
   * resolves to through the whole server (and TC when that was truncated); a target that does
   * not resolve leaves the CNAME alone.
   *
   * @param zones the plugin's zones, which a target is never looked up in (see {@link #resolve})
   */
  public static Message cnameAndTarget(
      Message reply, Request request, Name target, long ttl, ServerLookup lookup, Name[] zones) {
    Name qname = request.qname();
    reply.addRecord(new CNAMERecord(qname, DClass.IN, ttl, target), Section.ANSWER);
    Message resolved = resolve(request, target, request.qtype(), lookup, zones);
    if (resolved != null) {
      for (Record record : resolved.getSection(Section.ANSWER)) {
        reply.addRecord(record, Section.ANSWER);
      }
      if (resolved.getHeader().getFlag(Flags.TC)) {
        reply.getHeader().setFlag(Flags.TC);
      }
    }
    return reply;
  }

  /**
   * A load balancer's host name's records of {@code qtype} through the whole server, or null
   * when it does not resolve (NOERROR). A host name in one of the plugin's {@code zones} is left
   * to the client, so two objects cannot send the server round a loop.
   */
  public static Message resolve(
      Request request, Name hostname, int qtype, ServerLookup lookup, Name[] zones) {
    for (Name zone : zones) {
      if (hostname.subdomain(zone)) {
        return null;
      }
    }
    try {
      Message resolved = lookup.lookup(request.withQuestion(hostname, qtype));
      return resolved != null && resolved.getRcode() == Rcode.NOERROR ? resolved : null;
    } catch (Exception e) {
      LOG.debug("resolving load-balancer host name {} failed: {}", hostname, e.toString());
      return null;
    }
  }

  /**
   * What the plugin {@code plugin} returns for its own {@code reply}: the rest of the chain's
   * answer when the reply is a name error that {@code fallthrough} covers; SERVFAIL with the
   * Extended DNS Error NOT_READY in place of an empty answer while the cluster view has not
   * {@code synced} (decision D4, as the kubernetes plugin); otherwise the reply.
   */
  public static Message settle(
      Request request,
      Chain next,
      Message reply,
      Fallthrough fallthrough,
      boolean synced,
      String plugin)
      throws Exception {
    boolean emptyAnswer = reply.getSection(Section.ANSWER).isEmpty();
    if (emptyAnswer
        && reply.getRcode() == Rcode.NXDOMAIN
        && fallthrough.covers(request.qname())) {
      return next.next(request);
    }
    if (!synced && emptyAnswer) {
      reply.getHeader().setRcode(Rcode.SERVFAIL);
      Replies.withExtendedError(
          reply,
          ExtendedErrorCodeOption.NOT_READY,
          plugin + ": the cluster view has not synced yet");
    }
    return reply;
  }
}
