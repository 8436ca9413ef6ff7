package io.clusterdns.plugin.explain;

import io.clusterdns.plugin.RecordText;
import io.clusterdns.plugin.explain.Explanation.Reason;
import io.clusterdns.plugin.explain.Explanation.Step;
import io.clusterdns.resolver.Exchange;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The readable report of an {@link Explanation}. */
final class ExplanationText {
  private static final String INDENT = "     ";

  private ExplanationText() {}

  static String of(Explanation e) {
    StringBuilder text = new StringBuilder();
    text.append(e.name()).append(' ').append(Type.string(e.type())).append(" as looked up by ")
        .append(ResolverNames.name(e.behaviour())).append(" in ").append(e.client()).append('\n');
    text.append("search ").append(e.resolvConf().search().isEmpty() ? "(none)" : String.join(" ", e.resolvConf().search()))
        .append(", ndots ").append(e.resolvConf().ndots()).append('\n');
    int n = 1;
    for (Step step : e.steps()) {
      text.append('\n').append(n++).append(". ").append(query(step.exchange())).append(" → ")
          .append(outcome(step)).append('\n');
      step.reply().ifPresent(reply -> records(reply, text));
      for (Reason reason : step.reasons()) {
        text.append(INDENT).append(reason).append('\n');
      }
    }
    text.append('\n').append(result(e)).append('\n');
    return text.toString();
  }

  private static String query(Exchange exchange) {
    return exchange.name() + ". " + Type.string(exchange.type()) + " over " + exchange.transport().label();
  }

  private static String outcome(Step step) {
    Exchange exchange = step.exchange();
    if (exchange.timedOut()) {
      return "no reply in time";
    }
    String rcode = Rcode.string(exchange.rcode());
    if (exchange.truncated()) {
      return rcode + ", truncated (TC)";
    }
    if (exchange.rcode() == Rcode.NOERROR && exchange.answers() == 0) {
      return "NOERROR, no records (NODATA)";
    }
    return rcode;
  }

  private static void records(Message reply, StringBuilder text) {
    for (Record record : reply.getSection(Section.ANSWER)) {
      text.append(INDENT).append(RecordText.of(record)).append('\n');
    }
  }

  private static String result(Explanation e) {
    int queries = e.steps().size();
    String count = queries + (queries == 1 ? " query" : " queries");
    List<String> addresses = e.resolution().addresses().stream().map(a -> a.getHostAddress()).toList();
    return switch (e.resolution().outcome()) {
      case ANSWER -> "resolved after " + count
          + (addresses.isEmpty() ? "" : ": " + String.join(", ", addresses));
      case NODATA -> "not resolved after " + count + ": the name exists, without " + Type.string(e.type()) + " records";
      case NXDOMAIN -> "not resolved after " + count + ": no such name (NXDOMAIN)";
      case SERVFAIL -> "not resolved after " + count + ": the server failed (SERVFAIL)";
      case TIMEOUT -> "not resolved after " + count + ": no reply in time";
      default -> "not resolved after " + count + ": " + e.resolution().outcome();
    };
  }
}
