package io.clusterdns.plugin.rewrite;

import java.util.List;

/** The rules of every {@code rewrite} line of a server block, in Corefile order. */
record RewriteOptions(List<Rule> rules) {
  RewriteOptions {
    rules = List.copyOf(rules);
  }
}
