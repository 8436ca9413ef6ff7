package io.clusterdns.plugin.rewrite;

/**
 * {@code ttl [exact|prefix|suffix|substring|regex] NAME SECONDS|MIN-MAX}: for questions whose
 * name matches, the TTLs of the answer records are set to SECONDS, or brought into MIN..MAX.
 */
record TtlRule(boolean stop, NameMatch match, long min, long max) implements Rule {
  @Override
  public boolean apply(QueryRewrite query) {
    if (!match.matches(query.name())) {
      return false;
    }
    query.addStep(new ResponseStep.TtlClamp(min, max));
    return true;
  }
}
