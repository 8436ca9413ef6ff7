package io.clusterdns.plugin.rewrite;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.TextParseException;

/**
 * Tries the rules in order on the question, sends the rewritten query down the chain, and gives
 * the client a reply to the question it asked. A query no rule matches passes untouched.
 */
final class RewriteHandler implements Handler, Deterministic {
  private final Rule[] rules;
  private final boolean deterministic;

  RewriteHandler(RewriteOptions options) {
    this.rules = options.rules().toArray(Rule[]::new);
    this.deterministic = options.rules().stream().allMatch(Rule::deterministic);
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    QueryRewrite query = new QueryRewrite(request);
    boolean matched = false;
    for (Rule rule : rules) {
      if (rule.apply(query)) {
        matched = true;
        if (rule.stop()) {
          break;
        }
      }
    }
    if (!matched) {
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
