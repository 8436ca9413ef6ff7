package io.clusterdns.plugin.template;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Zones;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers from record templates, as CoreDNS's template plugin. A question outside the zones,
 * class or type goes to the next plugin; inside them, the first matching expression answers with
 * the configured rcode and rendered records (SERVFAIL answers bare), and no match gives NXDOMAIN
 * unless {@code fallthrough} covers the name. A record that does not parse at query time fails
 * the query (SERVFAIL, logged by {@code errors}).
 */
final class TemplateHandler implements Handler, Deterministic {
  private final TemplateOptions options;
  private final boolean deterministic;

  TemplateHandler(TemplateOptions options) {
    this.options = options;
    this.deterministic =
        Stream.of(options.answer(), options.authority(), options.additional())
            .flatMap(List::stream)
            .noneMatch(RrTemplate::usesRemote);
  }

  /** True unless a record renders the client's address. */
  @Override
  public boolean deterministic() {
    return deterministic;
  }

  /** The templates never change once set up. */
  @Override
  public long generation() {
    return 0;
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    Name qname = request.qname();
    Name zone = zone(qname);
    if (zone == null || !accepts(options.qclass(), request.qclass()) || !accepts(options.qtype(), request.qtype())) {
      return next.next(request);
    }
    String lowerName = qname.toString().toLowerCase(Locale.ROOT);
    for (Pattern expression : options.matches()) {
      Matcher matcher = expression.matcher(lowerName);
      if (matcher.find()) {
        return answer(request, data(request, zone, matcher));
      }
    }
    if (options.fallthrough().covers(qname)) {
      return next.next(request);
    }
    return nxdomain(request);
  }

  private Message answer(Request request, TemplateData data) throws Exception {
    if (options.rcode() == Rcode.SERVFAIL) {
      return Replies.servfail(request);
    }
    Message reply = Replies.authoritative(request);
    reply.getHeader().setRcode(options.rcode());
    add(reply, options.answer(), Section.ANSWER, data);
    add(reply, options.authority(), Section.AUTHORITY, data);
    add(reply, options.additional(), Section.ADDITIONAL, data);
    return reply;
  }

  private static void add(Message reply, List<RrTemplate> templates, int section, TemplateData data) throws Exception {
    for (RrTemplate template : templates) {
      reply.addRecord(template.record(data), section);
    }
  }

  private static Message nxdomain(Request request) {
    Message reply = Replies.authoritative(request);
    reply.getHeader().setRcode(Rcode.NXDOMAIN);
    return reply;
  }

  private TemplateData data(Request request, Name zone, Matcher matcher) {
    String qclass = DClass.string(request.qclass() == DClass.ANY ? options.qclass() : request.qclass());
    String qtype = Type.string(request.qtype() == Type.ANY ? options.qtype() : request.qtype());
    String remote = request.remote().getAddress().getHostAddress();
    return new TemplateData(request.qname().toString(), zone.toString(), qclass, qtype, remote, matcher);
  }

  /** The longest template zone holding the name, or null. */
  private Name zone(Name qname) {
    return Zones.mostSpecific(options.zones(), qname);
  }

  private static boolean accepts(int configured, int asked) {
    return configured == Type.ANY || asked == Type.ANY || configured == asked;
  }
}
