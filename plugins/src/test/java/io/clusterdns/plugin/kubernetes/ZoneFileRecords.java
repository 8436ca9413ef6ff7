package io.clusterdns.plugin.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Expected records written as zone-file lines, compared as sorted text with TTLs. */
public final class ZoneFileRecords {
  private ZoneFileRecords() {}

  /** Parses {@code owner TTL CLASS TYPE RDATA}. */
  public static Record parse(String line) {
    String[] parts = line.trim().split("\\s+", 5);
    try {
      return Record.fromString(
          Name.fromString(parts[0]),
          Type.value(parts[3]),
          DClass.value(parts[2]),
          Long.parseLong(parts[1]),
          parts[4],
          Name.root);
    } catch (IOException e) {
      throw new UncheckedIOException("bad expected record: " + line, e);
    }
  }

  public static List<String> sortedText(List<Record> records) {
    List<String> text = new ArrayList<>();
    for (Record record : records) {
      text.add(record.toString());
    }
    text.sort(null);
    return text;
  }

  public static List<String> expected(List<String> lines) {
    return sortedText(lines.stream().map(ZoneFileRecords::parse).toList());
  }
}
