package io.clusterdns.plugin.log;

import io.clusterdns.plugin.Request;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A query-log line format, parsed once into literal text and placeholders, as CoreDNS's
 * replacer. Unknown {@code {...}} words stay literal text; {@code {/label}} metadata has no
 * source here and prints {@code -}. Header placeholders ({@code {>id}}) ignore case.
 */
public final class LogFormat {
  /** CoreDNS's Common Log Format. */
  public static final String COMMON =
      "{remote}:{port} - {>id} \"{type} {class} {name} {proto} {size} {>do} {>bufsize}\" {rcode} {>rflags} {rsize} {duration}";
  /** The Common Log Format followed by the query's opcode. */
  public static final String COMBINED = COMMON + " \"{>opcode}\"";

  private static final String EMPTY = "-";
  private static final int TCP_BUFFER = 65535;
  private static final int MIN_UDP_BUFFER = 512;
  /** Header bits in CoreDNS's {@code {>rflags}} order; bit 9 is the reserved Z bit. */
  private static final int[] FLAG_BITS = {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, 9, Flags.AD, Flags.CD};
  private static final String[] FLAG_NAMES = {"qr", "aa", "tc", "rd", "ra", "z", "ad", "cd"};

  private enum Label {
    TYPE("{type}"), NAME("{name}"), CLASS("{class}"), PROTO("{proto}"), SIZE("{size}"), REMOTE("{remote}"),
    PORT("{port}"), ID("{>id}"), OPCODE("{>opcode}"), DO("{>do}"), BUFSIZE("{>bufsize}"), RCODE("{rcode}"),
    RSIZE("{rsize}"), DURATION("{duration}"), RFLAGS("{>rflags}"), METADATA(null), LITERAL(null);

    final String text;

    Label(String text) {
      this.text = text;
    }

    static Label find(String word) {
      String key = word.startsWith("{>") ? word.toLowerCase(Locale.ROOT) : word;
      for (Label label : values()) {
        if (key.equals(label.text)) {
          return label;
        }
      }
      return word.startsWith("{/") ? METADATA : LITERAL;
    }
  }

  private record Part(Label label, String literal) {}

  private final String source;
  private final List<Part> parts;

  private LogFormat(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /** Parses a format; {@code {common}} and {@code {combined}} expand to their formats. */
  public static LogFormat parse(String format) {
    String s = format.replace("{common}", COMMON).replace("{combined}", COMBINED);
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    while (true) {
      // Find a closing brace, then the nearest opening one before it, so "{ {type} }" works.
      int close = s.indexOf('}');
      if (close < 0) {
        break;
      }
      int open = s.lastIndexOf('{', close);
      Label label = open < 0 ? Label.LITERAL : Label.find(s.substring(open, close + 1));
      if (label == Label.LITERAL) {
        literal.append(s, 0, close + 1);
      } else {
        literal.append(s, 0, open);
        if (!literal.isEmpty()) {
          parts.add(new Part(Label.LITERAL, literal.toString()));
          literal.setLength(0);
        }
        parts.add(new Part(label, null));
      }
      s = s.substring(close + 1);
    }
    literal.append(s);
    if (!literal.isEmpty()) {
      parts.add(new Part(Label.LITERAL, literal.toString()));
    }
    return new LogFormat(format, parts);
  }

  /**
   * The line for one query.
   *
   * @param reply the answer sent, or null when the chain failed without one
   * @param endNanos {@link System#nanoTime()} when the answer was ready
   */
  public String format(Request request, Message reply, long endNanos) {
    StringBuilder out = new StringBuilder(160);
    for (Part part : parts) {
      switch (part.label) {
        case LITERAL -> out.append(part.literal);
        case TYPE -> out.append(Type.string(request.qtype()));
        case NAME -> out.append(request.qname());
        case CLASS -> out.append(DClass.string(request.qclass()));
        case PROTO -> out.append(request.transport().label());
        case SIZE -> out.append(request.size() > 0 ? request.size() : request.query().toWire().length);
        case REMOTE -> AddressText.append(out, request.remote().getAddress());
        case PORT -> out.append(request.remote().getPort());
        case ID -> out.append(request.id());
        case OPCODE -> out.append(request.opcode());
        case DO -> out.append(request.dnssecOk());
        case BUFSIZE -> out.append(bufferSize(request));
        case RCODE -> appendRcode(out, reply);
        case RSIZE -> out.append(reply == null ? 0 : reply.toWire().length);
        case DURATION -> appendSeconds(out, endNanos - request.startNanos());
        case RFLAGS -> appendFlags(out, reply);
        case METADATA -> out.append(EMPTY);
      }
    }
    return out.toString();
  }

  /** As CoreDNS: TCP allows 64 KiB; UDP the advertised EDNS0 size, never below 512. */
  private static int bufferSize(Request request) {
    return switch (request.transport()) {
      case TCP -> TCP_BUFFER;
      case UDP -> Math.max(request.ednsUdpSize(), MIN_UDP_BUFFER);
    };
  }

  /** A chain that failed wrote no reply; CoreDNS then logs NOERROR (its recorder's zero rcode). */
  private static void appendRcode(StringBuilder out, Message reply) {
    int rcode = reply == null ? Rcode.NOERROR : reply.getRcode();
    String text = Rcode.string(rcode);
    out.append(text.startsWith("RESERVED") ? Integer.toString(rcode) : text);
  }

  private static void appendSeconds(StringBuilder out, long nanos) {
    out.append(BigDecimal.valueOf(Math.max(nanos, 0), 9).stripTrailingZeros().toPlainString()).append('s');
  }

  private static void appendFlags(StringBuilder out, Message reply) {
    if (reply == null) {
      out.append(EMPTY);
      return;
    }
    Header header = reply.getHeader();
    boolean first = true;
    for (int i = 0; i < FLAG_BITS.length; i++) {
      if (header.getFlag(FLAG_BITS[i])) {
        if (!first) {
          out.append(',');
        }
        out.append(FLAG_NAMES[i]);
        first = false;
      }
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
