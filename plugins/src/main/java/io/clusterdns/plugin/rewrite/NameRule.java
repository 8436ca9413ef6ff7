package io.clusterdns.plugin.rewrite;

import java.util.List;

/**
 * {@code name [exact|prefix|suffix|substring|regex] FROM TO [answer …]}: the question name, and
 * the reply edits that make the client see the name it asked. An {@code exact} rule always turns
 * its answers back, as in CoreDNS.
 */
record NameRule(boolean stop, NameMatch match, boolean auto, List<ResponseStep> answers) implements Rule {
  NameRule {
    answers = List.copyOf(answers);
  }

  @Override
  public boolean apply(QueryRewrite query) {
    String before = query.name();
    String after = match.rewrite(before);
    if (after == null) {
      return false;
    }
    after = RuleParser.absolute(after);
    query.rename(after);
    if (auto || match instanceof NameMatch.Exact) {
      query.addStep(new ResponseStep.AutoReverse(before, after, match.reversed()));
    }
    for (ResponseStep answer : answers) {
      query.addStep(answer);
    }
    return true;
  }
}
