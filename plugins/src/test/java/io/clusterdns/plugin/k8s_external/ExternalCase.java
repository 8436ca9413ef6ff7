package io.clusterdns.plugin.k8s_external;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * One row of the k8s_external table: the question and the expected reply, records as zone-file
 * text. Public for the server module, which runs the same table over UDP.
 */
public final class ExternalCase {
  static final String SOA =
      "example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. SERIAL 7200 1800 86400 5";

  final String source;
  final String qname;
  final int qtype;
  int rcode = Rcode.NOERROR;
  final List<String> answer = new ArrayList<>();
  final List<String> authority = new ArrayList<>();
  final List<String> additional = new ArrayList<>();
  boolean inProcessOnly;

  private ExternalCase(String source, String qname, int qtype) {
    this.source = source;
    this.qname = qname;
    this.qtype = qtype;
  }

  /** A row of CoreDNS's own table (external_test.go, apex_test.go). */
  static ExternalCase coredns(String qname, int qtype) {
    return new ExternalCase("coredns", qname, qtype);
  }

  /** A row of ours: a rule CoreDNS's table leaves out. */
  static ExternalCase ours(String rule, String qname, int qtype) {
    return new ExternalCase(rule, qname, qtype);
  }

  ExternalCase answer(String... records) {
    answer.addAll(List.of(records));
    return this;
  }

  ExternalCase extra(String... records) {
    additional.addAll(List.of(records));
    return this;
  }

  ExternalCase authority(String... records) {
    authority.addAll(List.of(records));
    return this;
  }

  ExternalCase nx() {
    rcode = Rcode.NXDOMAIN;
    authority.add(SOA);
    return this;
  }

  ExternalCase nodata() {
    authority.add(SOA);
    return this;
  }

  ExternalCase rcode(int rcode) {
    this.rcode = rcode;
    return this;
  }

  /** The glue depends on this server's own addresses, which only a handler test chooses. */
  ExternalCase local() {
    inProcessOnly = true;
    return this;
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

  public boolean inProcessOnly() {
    return inProcessOnly;
  }

  @Override
  public String toString() {
    return "[" + source + "] " + qname + " " + Type.string(qtype);
  }
}
