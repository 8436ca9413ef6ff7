package io.clusterdns.plugin.k8s_external;

import io.clusterdns.plugin.testkit.ExpectedReply;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * One row of the k8s_external table: the question and the expected reply, records as zone-file
 * text. Public for the server module, which runs the same table over UDP.
 */
public final class ExternalCase extends ExpectedReply<ExternalCase> {
  static final String SOA =
      "example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. SERIAL 7200 1800 86400 5";

  private final String source;
  private boolean inProcessOnly;

  private ExternalCase(String source, String qname, int qtype) {
    super(qname, qtype);
    this.source = source;
  }

  /** A row of CoreDNS's own table (external_test.go, apex_test.go). */
  static ExternalCase coredns(String qname, int qtype) {
    return new ExternalCase("coredns", qname, qtype);
  }

  /** A row of ours: a rule CoreDNS's table leaves out. */
  static ExternalCase ours(String rule, String qname, int qtype) {
    return new ExternalCase(rule, qname, qtype);
  }

  @Override
  protected ExternalCase self() {
    return this;
  }

  ExternalCase nx() {
    return rcode(Rcode.NXDOMAIN).authority(SOA);
  }

  ExternalCase nodata() {
    return authority(SOA);
  }

  /** The glue depends on this server's own addresses, which only a handler test chooses. */
  ExternalCase local() {
    inProcessOnly = true;
    return this;
  }

  public boolean inProcessOnly() {
    return inProcessOnly;
  }

  @Override
  public String toString() {
    return "[" + source + "] " + qname() + " " + Type.string(qtype());
  }
}
