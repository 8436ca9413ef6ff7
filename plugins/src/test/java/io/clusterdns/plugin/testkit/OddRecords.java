package io.clusterdns.plugin.testkit;

import java.io.IOException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Records that dnsjava parses from the wire but cannot print. */
public final class OddRecords {
  /**
   * The rdata of {@link #tsig} with error 65535, as hex: algorithm ".", time 0, fudge 300, no
   * MAC, original ID 7, error FFFF, no other data.
   */
  public static final String TSIG_65535_RDATA = "00000000000000012C00000007FFFF0000";

  private OddRecords() {}

  /**
   * A TSIG record as it comes off the wire, TTL 0, class ANY, with the error field {@code error}:
   * dnsjava's {@code toString} throws for an error past 4095, which it has no name for.
   */
  public static Record tsig(Name owner, int error) throws IOException {
    DNSOutput rdata = new DNSOutput();
    rdata.writeU8(0);
    rdata.writeU16(0);
    rdata.writeU32(0);
    rdata.writeU16(300);
    rdata.writeU16(0);
    rdata.writeU16(7);
    rdata.writeU16(error);
    rdata.writeU16(0);
    byte[] data = rdata.toByteArray();
    DNSOutput wire = new DNSOutput();
    owner.toWire(wire, null);
    wire.writeU16(Type.TSIG);
    wire.writeU16(DClass.ANY);
    wire.writeU32(0);
    wire.writeU16(data.length);
    wire.writeByteArray(data);
    return Record.fromWire(wire.toByteArray(), Section.ANSWER);
  }
}
