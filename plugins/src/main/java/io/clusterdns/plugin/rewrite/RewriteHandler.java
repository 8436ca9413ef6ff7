package io.clusterdns.plugin.rewrite;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Explaining;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Tries the rules in order on the question, sends the rewritten query down the chain, and gives
 * the client a reply to the question it asked. A query no rule matches passes untouched.
 */
final class RewriteHandler implements Handler, Deterministic, Explaining {
  private final Rule[] rules;
  private final boolean deterministic;

  RewriteHandler(RewriteOptions options) {
    this.rules = options.rules().toArray(Rule[]::new);
    this.deterministic = options.rules().stream().allMatch(Rule::deterministic);
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    QueryRewrite query = new QueryRewrite(request);
    if (!applyRules(query)) {
      return next.next(request);
    }
    Request rewritten;
    try {
      rewritten = query.request();
    } catch (TextParseException e) {
      return Replies.servfail(request, ExtendedErrorCodeOption.OTHER,
          "rewrite: '" + query.name() + "' is not a valid name");
    }
    return new ReplyRewriter(query).restore(next.next(rewritten));
  }

  /** Tries the rules in order until one that stops matches; true when any matched. */
  private boolean applyRules(QueryRewrite query) {
    boolean matched = false;
    for (Rule rule : rules) {
      if (rule.apply(query)) {
        matched = true;
        if (rule.stop()) {
          break;
        }
      }
    }
    return matched;
  }

  /** Which rules match the question, in order, and what each makes of it. */
  @Override
  public List<String> explain(Request request) {
    QueryRewrite query = new QueryRewrite(request);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      String name = query.name();
      int type = query.type();
      int dclass = query.dclass();
      if (rules[i].apply(query)) {
        out.add("rule " + (i + 1) + " of " + rules.length + " matches: " + change(name, type, dclass, query)
            + (rules[i].stop() ? "" : "; the rules after it are tried too"));
        if (rules[i].stop()) {
          break;
        }
      }
    }
    if (!out.isEmpty()) {
      out.add("the plugins after rewrite see " + query.name() + " " + Type.string(query.type())
          + "; the client gets its reply to the question it asked");
    }
    return out;
  }

  private static String change(String name, int type, int dclass, QueryRewrite query) {
    List<String> changes = new ArrayList<>();
    if (!name.equals(query.name())) {
      changes.add("name " + name + " → " + query.name());
    }
    if (type != query.type()) {
      changes.add("type " + Type.string(type) + " → " + Type.string(query.type()));
    }
    if (dclass != query.dclass()) {
      changes.add("class " + DClass.string(dclass) + " → " + DClass.string(query.dclass()));
    }
    return changes.isEmpty() ? "EDNS0 options or answer TTLs" : String.join(", ", changes);
  }

  /** The question as rewritten, for the plugins after this one; the request itself when no rule matches. */
  @Override
  public Request passedOn(Request request) {
    QueryRewrite query = new QueryRewrite(request);
    try {
      return applyRules(query) ? query.request() : request;
    } catch (TextParseException e) {
      return request;
    }
  }

  /** Rules read only the query, unless an edns0 rule copies the client's address, port or subnet. */
  @Override
  public boolean deterministic() {
    return deterministic;
  }

  @Override
  public long generation() {
    return 0;
  }
}
