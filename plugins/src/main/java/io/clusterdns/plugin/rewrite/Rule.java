package io.clusterdns.plugin.rewrite;

/** One rewrite rule: it changes the query being rewritten and may ask for reply edits. */
sealed interface Rule permits NameRule, TypeRule, ClassRule, TtlRule, EdnsRule {
  /** Whether a match ends the rule list ({@code stop}, the default) or lets it go on ({@code continue}). */
  boolean stop();

  /** Applies the rule to {@code query}; true when it matched. */
  boolean apply(QueryRewrite query);

  /** Whether what the rule does depends only on the query, never on the client. */
  default boolean deterministic() {
    return true;
  }
}
