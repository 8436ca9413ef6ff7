package io.clusterdns.plugin.rewrite;

/** {@code type FROM TO}: the question type; the client still sees the type it asked in the question. */
record TypeRule(boolean stop, int from, int to) implements Rule {
  @Override
  public boolean apply(QueryRewrite query) {
    if (query.type() != from) {
      return false;
    }
    query.retype(to);
    return true;
  }
}
