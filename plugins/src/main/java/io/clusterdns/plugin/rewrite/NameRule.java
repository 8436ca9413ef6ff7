package io.clusterdns.plugin.rewrite;

import java.util.List;

/**
 * {@code name [exact|prefix|suffix|substring|regex] FROM TO [answer …]}: the question name, and
 * the reply edits that make the client see the name it asked. An {@code exact} rule always turns
 * its answers back, as in CoreDNS.
 */
record NameRule(boolean stop, NameMatch match, boolean auto, List<ResponseStep> answers, NameMatch reverse)
    implements Rule {
  NameRule {
    answers = List.copyOf(answers);
  }

  /** {@code reverse}, the match {@code answer auto} turns names back with, is made once here. */
  NameRule(boolean stop, NameMatch match, boolean auto, List<ResponseStep> answers) {
    this(stop, match, auto, answers, match.reversed());
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
      query.addStep(new ResponseStep.AutoReverse(before, after, reverse));
    }
    for (ResponseStep answer : answers) {
      query.addStep(answer);
    }
    return true;
  }
}
