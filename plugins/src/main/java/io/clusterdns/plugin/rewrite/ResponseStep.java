package io.clusterdns.plugin.rewrite;

import org.xbill.DNS.Type;

/**
 * An edit of the reply that a matched rule asks for. Names are lower-case text with the trailing
 * dot; each method returns its argument when it does not apply.
 */
sealed interface ResponseStep {
  /** The owner name a record of the reply gets. */
  default String owner(String name) {
    return name;
  }

  /** A name in the data of a record of type {@code type} (a CNAME target, an SRV target…). */
  default String value(String name, int type) {
    return name;
  }

  /** The TTL of an answer record. */
  default long ttl(long ttl) {
    return ttl;
  }

  /**
   * {@code answer auto}: the rewritten question name goes back to the name before the rule, and
   * other names go through the reversed match. CNAME targets are turned back too, so that the
   * chain the client follows stays whole.
   */
  record AutoReverse(String before, String after, NameMatch reverse) implements ResponseStep {
    @Override
    public String owner(String name) {
      if (name.equals(after)) {
        return before;
      }
      String back = reverse == null ? null : reverse.rewrite(name);
      return back == null ? name : back;
    }

    @Override
    public String value(String name, int type) {
      return type == Type.CNAME || type == Type.DNAME ? owner(name) : name;
    }
  }

  /** {@code answer name FROM TO}: owner names that match the expression. */
  record AnswerName(RegexTemplate template) implements ResponseStep {
    @Override
    public String owner(String name) {
      String rewritten = template.rewrite(name);
      return rewritten == null ? name : RuleParser.absolute(rewritten);
    }
  }

  /** {@code answer value FROM TO}: names in record data that match the expression. */
  record AnswerValue(RegexTemplate template) implements ResponseStep {
    @Override
    public String value(String name, int type) {
      String rewritten = template.rewrite(name);
      return rewritten == null ? name : RuleParser.absolute(rewritten);
    }
  }

  /** A {@code ttl} rule: answer TTLs brought into {@code [min, max]}. */
  record TtlClamp(long min, long max) implements ResponseStep {
    @Override
    public long ttl(long ttl) {
      return Math.max(min, Math.min(max, ttl));
    }
  }
}
