package io.clusterdns.plugin;

import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base16;

/**
 * A DNS message as text, laid out as dig prints one: the header line, the flags with the
 * section counts, the EDNS pseudo-section, then each section that has records. dnsjava's own
 * {@code Message.toString} throws on a record it cannot print (see {@link RecordText}); a
 * message shown in a report or a failed test's message must print whatever it holds.
 */
public final class MessageText {
  private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};
  private static final String[] SECTION_NAMES = {"ANSWER", "AUTHORITY", "ADDITIONAL"};

  private MessageText() {}

  public static String of(Message message) {
    Header header = message.getHeader();
    StringBuilder text = new StringBuilder();
    text.append(";; ->>HEADER<<- opcode: ").append(Opcode.string(header.getOpcode()))
        .append(", status: ").append(Rcode.string(message.getRcode()))
        .append(", id: ").append(header.getID()).append('\n');
    text.append(";; flags:");
    for (int flag = 0; flag < 16; flag++) {
      if (Flags.isFlag(flag) && header.getFlag(flag)) {
        text.append(' ').append(Flags.string(flag));
      }
    }
    text.append("; QUERY: ").append(header.getCount(Section.QUESTION))
        .append(", ANSWER: ").append(header.getCount(Section.ANSWER))
        .append(", AUTHORITY: ").append(header.getCount(Section.AUTHORITY))
        .append(", ADDITIONAL: ").append(header.getCount(Section.ADDITIONAL)).append('\n');
    OPTRecord opt = message.getOPT();
    if (opt != null) {
      text.append('\n');
      edns(opt, text);
    }
    text.append("\n;; QUESTION SECTION:\n");
    for (Record question : message.getSection(Section.QUESTION)) {
      text.append(';').append(question.getName()).append(' ').append(DClass.string(question.getDClass()))
          .append(' ').append(Type.string(question.getType())).append('\n');
    }
    for (int i = 0; i < SECTIONS.length; i++) {
      List<Record> records = message.getSection(SECTIONS[i]);
      if (records.stream().anyMatch(r -> !(r instanceof OPTRecord))) {
        text.append("\n;; ").append(SECTION_NAMES[i]).append(" SECTION:\n");
        for (Record record : records) {
          if (!(record instanceof OPTRecord)) {
            text.append(RecordText.of(record)).append('\n');
          }
        }
      }
    }
    return text.toString();
  }

  /** The OPT record as dig shows it: version, DO flag and payload size, then one line per option. */
  private static void edns(OPTRecord opt, StringBuilder text) {
    text.append(";; OPT PSEUDOSECTION:\n; EDNS: version: ").append(opt.getVersion()).append(", flags:");
    if ((opt.getFlags() & ExtendedFlags.DO) != 0) {
      text.append(" do");
    }
    text.append("; udp: ").append(opt.getPayloadSize()).append('\n');
    for (EDNSOption option : opt.getOptions()) {
      text.append("; ").append(option(option)).append('\n');
    }
  }

  /** An Extended DNS Error with its code's name and text; any other option as its data in hex. */
  private static String option(EDNSOption option) {
    if (option instanceof ExtendedErrorCodeOption error) {
      int code = error.getErrorCode();
      return "EDE: " + code + " (" + ExtendedErrorCodeOption.text(code) + ")"
          + (error.getText() == null ? "" : ": (" + error.getText() + ")");
    }
    byte[] wire = option.toWire();
    // The option's code (2 bytes) and length (2 bytes) come before its data.
    return EDNSOption.Code.string(option.getCode()) + ": " + base16.toString(Arrays.copyOfRange(wire, 4, wire.length));
  }
}
