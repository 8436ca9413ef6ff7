package io.clusterdns.testing;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** A fault in force on a server: its compiled pattern and how many more queries it may take. */
final class InjectedFault {
  private final Fault fault;
  private final Pattern regex;
  private final AtomicInteger left;

  InjectedFault(Fault fault) {
    this.fault = fault;
    this.regex = fault.regex();
    this.left = new AtomicInteger(fault.times());
  }

  Fault fault() {
    return fault;
  }

  /**
   * Whether this fault takes a query of {@code name} (no trailing dot) and {@code type} over
   * UDP or not; a limited fault counts the query as taken.
   */
  boolean take(String name, int type, boolean udp) {
    if ((fault.type() != 0 && fault.type() != type)
        || (fault.action() == Fault.Action.TRUNCATE && !udp)
        || !regex.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
      return false;
    }
    if (fault.times() < 0) {
      return true;
    }
    return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }
}
