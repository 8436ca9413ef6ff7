package io.clusterdns.plugin.rewrite;

import java.nio.charset.StandardCharsets;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Type;

/**
 * The DATA of an {@code edns0 local} rule (and the empty data of {@code edns0 nsid}): fixed
 * bytes, or a variable filled in per query.
 */
sealed interface LocalData extends OptionValue {
  byte[] bytes(QueryRewrite query);

  @Override
  default EDNSOption option(int code, QueryRewrite query) {
    return new GenericEDNSOption(code, bytes(query));
  }

  /** Hex after {@code 0x}, else the text's bytes. */
  record Fixed(byte[] value) implements LocalData {
    @Override
    public byte[] bytes(QueryRewrite query) {
      return value;
    }

    @Override
    public boolean deterministic() {
      return true;
    }
  }

  /** {@code {qname}}, {@code {qtype}}, {@code {client_ip}}, {@code {client_port}}, {@code {protocol}}. */
  enum Variable implements LocalData {
    QNAME("qname", true) {
      @Override
      public byte[] bytes(QueryRewrite query) {
        return query.name().getBytes(StandardCharsets.US_ASCII);
      }
    },
    QTYPE("qtype", true) {
      @Override
      public byte[] bytes(QueryRewrite query) {
        return Type.string(query.type()).getBytes(StandardCharsets.US_ASCII);
      }
    },
    /** The client's address as 4 or 16 bytes, as CoreDNS packs it. */
    CLIENT_IP("client_ip", false) {
      @Override
      public byte[] bytes(QueryRewrite query) {
        return query.original().remote().getAddress().getAddress();
      }
    },
    /** The client's port as 2 bytes, big-endian. */
    CLIENT_PORT("client_port", false) {
      @Override
      public byte[] bytes(QueryRewrite query) {
        int port = query.original().remote().getPort();
        return new byte[] {(byte) (port >>> 8), (byte) port};
      }
    },
    /**
     * {@code udp} or {@code tcp}. Still deterministic: the server keeps the replies of each
     * transport apart.
     */
    PROTOCOL("protocol", true) {
      @Override
      public byte[] bytes(QueryRewrite query) {
        return query.original().transport().label().getBytes(StandardCharsets.US_ASCII);
      }
    };

    private final String text;
    private final boolean deterministic;

    Variable(String text, boolean deterministic) {
      this.text = text;
      this.deterministic = deterministic;
    }

    String text() {
      return text;
    }

    @Override
    public boolean deterministic() {
      return deterministic;
    }
  }
}
