package io.clusterdns.plugin.rewrite;

import io.clusterdns.plugin.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * The question of one query while the rules change it, and the reply edits the matched rules
 * asked for. Lives for one query on one thread.
 */
final class QueryRewrite {
  /** The UDP size put in an OPT record that a rule adds to a query that had none: our own. */
  private static final int ADDED_OPT_PAYLOAD = 1232;

  private final Request original;
  private String name;
  private int type;
  private int dclass;
  private boolean renamed;
  private List<EDNSOption> options;
  private List<ResponseStep> steps = List.of();

  QueryRewrite(Request original) {
    this.original = original;
    this.type = original.qtype();
    this.dclass = original.qclass();
  }

  Request original() {
    return original;
  }

  /** The question name as the rules have made it so far: lower case, with the trailing dot. */
  String name() {
    if (name == null) {
      // Made on first use: rule lists without name or ttl rules never need the text.
      name = original.qname().toString().toLowerCase(Locale.ROOT);
    }
    return name;
  }

  void rename(String newName) {
    name = newName;
    renamed = true;
  }

  int type() {
    return type;
  }

  void retype(int newType) {
    type = newType;
  }

  int dclass() {
    return dclass;
  }

  void reclass(int newClass) {
    dclass = newClass;
  }

  /** The query's EDNS0 options, to change; the query gets an OPT record if it had none. */
  List<EDNSOption> options() {
    if (options == null) {
      OPTRecord opt = original.query().getOPT();
      options = opt == null ? new ArrayList<>() : new ArrayList<>(opt.getOptions());
    }
    return options;
  }

  void addStep(ResponseStep step) {
    if (steps.isEmpty()) {
      steps = new ArrayList<>(2);
    }
    steps.add(step);
  }

  List<ResponseStep> steps() {
    return steps;
  }

  /** The request to send down the chain. */
  Request request() throws TextParseException {
    Name qname = renamed ? Name.fromString(name) : original.qname();
    if (options == null && dclass == original.qclass()) {
      return original.withQuestion(qname, type);
    }
    Message query = original.query().clone();
    query.removeAllRecords(Section.QUESTION);
    query.addRecord(Record.newRecord(qname, type, dclass), Section.QUESTION);
    if (options != null) {
      OPTRecord opt = query.getOPT();
      if (opt != null) {
        query.removeRecord(opt, Section.ADDITIONAL);
      }
      query.addRecord(
          opt == null
              ? new OPTRecord(ADDED_OPT_PAYLOAD, 0, 0, 0, options)
              : new OPTRecord(opt.getPayloadSize(), opt.getExtendedRcode(), opt.getVersion(), opt.getFlags(), options),
          Section.ADDITIONAL);
    }
    return new Request(query, original.remote(), original.transport(), original.zone(), original.startNanos());
  }
}
