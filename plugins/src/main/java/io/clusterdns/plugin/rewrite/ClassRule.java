package io.clusterdns.plugin.rewrite;

/** {@code class FROM TO}: the question class; the client still sees the class it asked in the question. */
record ClassRule(boolean stop, int from, int to) implements Rule {
  @Override
  public boolean apply(QueryRewrite query) {
    if (query.dclass() != from) {
      return false;
    }
    query.reclass(to);
    return true;
  }
}
