package io.clusterdns.plugin.testkit;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Rcode;

/**
 * One row of a table of answers: the question and the reply expected, its records as zone-file
 * text. Public, as the rows that extend it, for the server module, which runs the same tables
 * over UDP.
 *
 * @param <T> the row's own type, which the builder methods return
 */
public abstract class ExpectedReply<T extends ExpectedReply<T>> {
  private final String qname;
  private final int qtype;
  private int rcode = Rcode.NOERROR;
  private final List<String> answer = new ArrayList<>();
  private final List<String> authority = new ArrayList<>();
  private final List<String> additional = new ArrayList<>();

  protected ExpectedReply(String qname, int qtype) {
    this.qname = qname;
    this.qtype = qtype;
  }

  /** This row as its own type. */
  protected abstract T self();

  public T answer(String... records) {
    answer.addAll(List.of(records));
    return self();
  }

  /** Records expected in the additional section. */
  public T extra(String... records) {
    additional.addAll(List.of(records));
    return self();
  }

  public T authority(String... records) {
    authority.addAll(List.of(records));
    return self();
  }

  public T rcode(int rcode) {
    this.rcode = rcode;
    return self();
  }

  public String qname() {
    return qname;
  }

  public int qtype() {
    return qtype;
  }

  public int rcode() {
    return rcode;
  }

  public List<String> answer() {
    return answer;
  }

  public List<String> authority() {
    return authority;
  }

  public List<String> additional() {
    return additional;
  }
}
