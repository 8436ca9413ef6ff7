package io.clusterdns.plugin.loadbalance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Address;

/**
 * A weight file as CoreDNS reads it: a line with a name, then lines {@code ADDRESS WEIGHT} for
 * that name (weight 1 to 255); blank lines and lines starting with {@code #} are skipped. Read by
 * one thread at a time (start, then the reload timer).
 */
final class WeightFile {
  private final Path path;
  private byte[] lastContent;

  WeightFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** The file's weights when its content changed since the last call, else null. */
  Weights readIfChanged() throws IOException {
    byte[] content = Files.readAllBytes(path);
    if (Arrays.equals(content, lastContent)) {
      return null;
    }
    Weights weights = parse(new String(content, StandardCharsets.UTF_8));
    lastContent = content;
    return weights;
  }

  /** The weights of a file's text; a bad line is an IOException naming the file and line. */
  Weights parse(String text) throws IOException {
    Map<String, List<Weights.Weight>> byName = new HashMap<>();
    String name = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length == 1) {
        if (address(fields[0]) != null) {
          throw bad(i, "'" + fields[0] + "' is an address where a name was expected (a weight missing?)");
        }
        name = fields[0].toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name : name + ".";
        byName.computeIfAbsent(name, n -> new ArrayList<>());
      } else if (fields.length == 2) {
        byte[] address = address(fields[0]);
        if (address == null) {
          throw bad(i, "'" + fields[0] + "' is not an IP address");
        }
        int weight = weight(fields[1]);
        if (weight < 1) {
          throw bad(i, "weight '" + fields[1] + "' must be a whole number from 1 to 255");
        }
        if (name == null) {
          throw bad(i, "an address comes before any name");
        }
        byName.get(name).add(new Weights.Weight(address, weight));
      } else {
        throw bad(i, "expected a name, or an address and a weight, got '" + line + "'");
      }
    }
    Map<String, List<Weights.Weight>> frozen = new HashMap<>();
    byName.forEach((n, list) -> frozen.put(n, List.copyOf(list)));
    return new Weights(frozen);
  }

  private IOException bad(int lineIndex, String problem) {
    return new IOException(path + ":" + (lineIndex + 1) + ": " + problem);
  }

  private static byte[] address(String text) {
    byte[] v4 = Address.toByteArray(text, Address.IPv4);
    return v4 != null ? v4 : Address.toByteArray(text, Address.IPv6);
  }

  private static int weight(String text) {
    try {
      int value = Integer.parseInt(text);
      return value >= 1 && value <= 255 ? value : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
