package io.clusterdns.plugin.rewrite;

import java.util.List;
import org.xbill.DNS.EDNSOption;

/**
 * {@code edns0 local|nsid|subnet set|append|replace …}: an EDNS0 option of the query, matched by
 * its code. {@code replace} changes an option that is there, {@code append} adds one that is
 * not, {@code set} does either.
 */
record EdnsRule(boolean stop, Action action, int code, OptionValue value) implements Rule {
  enum Action {
    SET,
    APPEND,
    REPLACE
  }

  @Override
  public boolean apply(QueryRewrite query) {
    List<EDNSOption> options = query.options();
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).getCode() == code) {
        if (action == Action.APPEND) {
          return false;
        }
        options.set(i, value.option(code, query));
        return true;
      }
    }
    if (action == Action.REPLACE) {
      return false;
    }
    options.add(value.option(code, query));
    return true;
  }

  @Override
  public boolean deterministic() {
    return value.deterministic();
  }
}
