package io.clusterdns.plugin.rewrite;

import java.util.List;
import java.util.Locale;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * Turns the reply to a rewritten query into the reply to the client's own: its question back as
 * the client sent it, then the edits the matched rules asked for, last rule first, on the answer,
 * authority and additional records.
 */
final class ReplyRewriter {
  private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};

  private final QueryRewrite query;
  private final String originalName;

  ReplyRewriter(QueryRewrite query) {
    this.query = query;
    this.originalName = query.original().qname().toString().toLowerCase(Locale.ROOT);
  }

  Message restore(Message reply) throws TextParseException {
    reply.removeAllRecords(Section.QUESTION);
    reply.addRecord(query.original().question(), Section.QUESTION);
    List<ResponseStep> steps = query.steps();
    if (steps.isEmpty()) {
      return reply;
    }
    for (int section : SECTIONS) {
      List<Record> records = reply.getSection(section);
      boolean changed = false;
      Record[] out = new Record[records.size()];
      for (int i = 0; i < out.length; i++) {
        Record record = records.get(i);
        out[i] = record instanceof OPTRecord ? record : edit(record, section == Section.ANSWER, steps);
        changed |= out[i] != record;
      }
      if (changed) {
        reply.removeAllRecords(section);
        for (Record record : out) {
          reply.addRecord(record, section);
        }
      }
    }
    return reply;
  }

  private Record edit(Record record, boolean answer, List<ResponseStep> steps) throws TextParseException {
    String owner = record.getName().toString().toLowerCase(Locale.ROOT);
    String newOwner = owner;
    long ttl = record.getTTL();
    for (int i = steps.size() - 1; i >= 0; i--) {
      newOwner = steps.get(i).owner(newOwner);
      if (answer) {
        ttl = steps.get(i).ttl(ttl);
      }
    }
    Name ownerName = newOwner.equals(owner) ? record.getName() : name(newOwner);
    Record edited = withData(record, ownerName, ttl, steps);
    if (edited != null) {
      return edited;
    }
    if (ttl == record.getTTL()) {
      return ownerName == record.getName() ? record : record.withName(ownerName);
    }
    return Record.newRecord(ownerName, record.getType(), record.getDClass(), ttl, record.rdataToWireCanonical());
  }

  /** The name as the client spelled it when the reply turned it back into the question name. */
  private Name name(String text) throws TextParseException {
    return text.equals(originalName) ? query.original().qname() : Name.fromString(text);
  }

  /** The record with names in its data edited, or null when it has none that change. */
  private Record withData(Record r, Name owner, long ttl, List<ResponseStep> steps) throws TextParseException {
    int c = r.getDClass();
    if (r instanceof CNAMERecord x) {
      Name target = value(x.getTarget(), r.getType(), steps);
      return target == null ? null : new CNAMERecord(owner, c, ttl, target);
    } else if (r instanceof DNAMERecord x) {
      Name target = value(x.getTarget(), r.getType(), steps);
      return target == null ? null : new DNAMERecord(owner, c, ttl, target);
    } else if (r instanceof NSRecord x) {
      Name target = value(x.getTarget(), r.getType(), steps);
      return target == null ? null : new NSRecord(owner, c, ttl, target);
    } else if (r instanceof PTRRecord x) {
      Name target = value(x.getTarget(), r.getType(), steps);
      return target == null ? null : new PTRRecord(owner, c, ttl, target);
    } else if (r instanceof MXRecord x) {
      Name target = value(x.getTarget(), r.getType(), steps);
      return target == null ? null : new MXRecord(owner, c, ttl, x.getPriority(), target);
    } else if (r instanceof SRVRecord x) {
      Name target = value(x.getTarget(), r.getType(), steps);
      return target == null ? null : new SRVRecord(owner, c, ttl, x.getPriority(), x.getWeight(), x.getPort(), target);
    } else if (r instanceof NAPTRRecord x) {
      Name target = value(x.getReplacement(), r.getType(), steps);
      return target == null ? null : new NAPTRRecord(owner, c, ttl, x.getOrder(), x.getPreference(),
          x.getFlags(), x.getService(), x.getRegexp(), target);
    } else if (r instanceof SOARecord x) {
      Name host = value(x.getHost(), r.getType(), steps);
      Name admin = value(x.getAdmin(), r.getType(), steps);
      if (host == null && admin == null) {
        return null;
      }
      return new SOARecord(owner, c, ttl, host == null ? x.getHost() : host, admin == null ? x.getAdmin() : admin,
          x.getSerial(), x.getRefresh(), x.getRetry(), x.getExpire(), x.getMinimum());
    }
    return null;
  }

  /** The edited name, or null when no step changes it. */
  private Name value(Name name, int type, List<ResponseStep> steps) throws TextParseException {
    String text = name.toString().toLowerCase(Locale.ROOT);
    String edited = text;
    for (int i = steps.size() - 1; i >= 0; i--) {
      edited = steps.get(i).value(edited, type);
    }
    return edited.equals(text) ? null : name(edited);
  }
}
