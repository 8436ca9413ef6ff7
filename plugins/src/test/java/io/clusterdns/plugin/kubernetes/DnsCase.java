package io.clusterdns.plugin.kubernetes;

import io.clusterdns.plugin.testkit.ExpectedReply;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * One row of the handler table: the kubernetes directive, the question, and the expected reply
 * with its records as zone-file text. Public for the server module, which runs the same table
 * over UDP.
 */
public final class DnsCase extends ExpectedReply<DnsCase> {
  static final String DEFAULT_DIRECTIVE = "kubernetes cluster.local in-addr.arpa ip6.arpa";

  String rule = "";
  String directive = DEFAULT_DIRECTIVE;
  final List<String> properties = new ArrayList<>();
  boolean synced = true;
  List<String> localAddresses = List.of();
  boolean fallsThrough;
  /** Whether the reply carries AA: every answer of the plugin's zones except a refusal. */
  boolean authoritative = true;
  boolean truncated;
  private boolean inProcessOnly;

  private DnsCase(String qname, int qtype) {
    super(qname, qtype);
  }

  @Override
  protected DnsCase self() {
    return this;
  }

  static DnsCase q(String qname, int qtype) {
    return new DnsCase(qname, qtype);
  }

  /** The reverse name of an address, built by dnsjava independently of the plugin. */
  static String ptr(String ip) {
    return ReverseMap.fromAddress(ClusterFixture.ip(ip)).toString();
  }

  static String soa(String zone, int ttl) {
    return zone + " " + Math.min(ttl, 300) + " IN SOA ns.dns." + zone + " hostmaster." + zone + " "
        + ClusterFixture.SERIAL + " 7200 1800 86400 " + ttl;
  }

  DnsCase rule(String rule) {
    this.rule = rule;
    return this;
  }

  DnsCase directive(String directive) {
    this.directive = directive;
    return this;
  }

  DnsCase with(String... properties) {
    this.properties.addAll(List.of(properties));
    return this;
  }

  /** NXDOMAIN with the SOA of {@code zone}. */
  DnsCase nx(String zone) {
    return rcode(Rcode.NXDOMAIN).authority(soa(zone, 5));
  }

  DnsCase nx() {
    return nx("cluster.local.");
  }

  /** NOERROR, nothing answered, the SOA of {@code zone}. */
  DnsCase nodata(String zone) {
    return authority(soa(zone, 5));
  }

  DnsCase nodata() {
    return nodata("cluster.local.");
  }

  /** TC is expected, copied from an upstream answer. */
  DnsCase truncated() {
    this.truncated = true;
    this.inProcessOnly = true;
    return this;
  }

  DnsCase unsynced() {
    this.synced = false;
    this.inProcessOnly = true;
    return this;
  }

  /** This server's own addresses, which decide the apex NS answer. */
  DnsCase local(String... addresses) {
    this.localAddresses = List.of(addresses);
    this.inProcessOnly = true;
    return this;
  }

  /** REFUSED, which is not an authoritative answer: no AA. */
  DnsCase refused() {
    this.authoritative = false;
    return rcode(Rcode.REFUSED);
  }

  public boolean authoritative() {
    return authoritative;
  }

  /** The next plugin answers (fallthrough or a name outside the zones). */
  DnsCase next() {
    this.fallsThrough = true;
    return answer(qname() + " 0 IN TXT \"next plugin\"");
  }

  String corefile() {
    return corefile(List.of());
  }

  /** The kubernetes directive of this row with {@code extra} properties added to its block. */
  public String corefile(List<String> extra) {
    List<String> all = new ArrayList<>(properties);
    all.addAll(extra);
    if (all.isEmpty()) {
      return directive;
    }
    return directive + " {\n " + String.join("\n ", all) + "\n}";
  }

  /**
   * Whether the row needs what only a handler test can arrange: a view that has not synced, chosen
   * local addresses, or an upstream that answers with TC.
   */
  public boolean inProcessOnly() {
    return inProcessOnly;
  }

  /** Whether the kubernetes plugin hands this query to the next plugin. */
  public boolean fallsThrough() {
    return fallsThrough;
  }

  List<InetAddress> locals() {
    return localAddresses.stream().map(ClusterFixture::ip).toList();
  }

  @Override
  public String toString() {
    String options = properties.isEmpty() ? "" : " " + properties;
    return (rule.isEmpty() ? "" : "[" + rule + "] ") + qname() + " " + Type.string(qtype()) + options
        + (synced ? "" : " (unsynced)");
  }
}
