package io.clusterdns.plugin;

import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base16;

/**
 * One resource record as a line of text, {@code owner TTL CLASS TYPE RDATA}. dnsjava parses
 * records it cannot print: a TSIG whose error field is past the 12-bit rcodes {@code Rcode}
 * names throws from {@code rdataToString} (and so from {@code Record.toString} and {@code
 * Message.toString}). A report or a failed test's message must not fail on what a handler or an
 * upstream sent, so such a record is shown in RFC 3597's generic form, {@code \# LENGTH HEX}.
 * Every text that shows records goes through here ({@link MessageText} for whole messages).
 */
public final class RecordText {
  /** Type (2), class (2), TTL (4) and RDLENGTH (2) between the owner name and the rdata. */
  private static final int FIXED_FIELDS = 10;

  private RecordText() {}

  public static String of(Record record) {
    String rdata;
    try {
      rdata = record.rdataToString();
    } catch (RuntimeException unprintable) {
      return generic(record);
    }
    return head(record) + " " + rdata;
  }

  /** The record with its rdata in RFC 3597's generic form, whatever its type. */
  public static String generic(Record record) {
    byte[] wire = record.toWire(Section.ANSWER);
    byte[] rdata = Arrays.copyOfRange(wire, record.getName().length() + FIXED_FIELDS, wire.length);
    return head(record) + " \\# " + rdata.length + (rdata.length == 0 ? "" : " " + base16.toString(rdata));
  }

  private static String head(Record record) {
    return record.getName() + " " + record.getTTL() + " " + DClass.string(record.getDClass()) + " "
        + Type.string(record.getType());
  }
}
