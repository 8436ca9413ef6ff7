package io.clusterdns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /metrics} over HTTP, parsed from the Prometheus text format. */
final class MetricsScrape {
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One line: a series and its value. */
  record Sample(String name, Map<String, String> labels, double value) {
    String label(String key) {
      return labels.get(key);
    }
  }

  final String contentType;
  final String text;
  final List<Sample> samples;

  private MetricsScrape(String contentType, String text, List<Sample> samples) {
    this.contentType = contentType;
    this.text = text;
    this.samples = samples;
  }

  static MetricsScrape of(InetSocketAddress address) throws IOException, InterruptedException {
    String host = address.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + address.getPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("/metrics answered " + response.statusCode());
    }
    List<Sample> samples = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new IOException("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return new MetricsScrape(response.headers().firstValue("content-type").orElse(""), response.body(), samples);
  }

  /** The samples of one name whose labels include every pair of {@code labels} (key, value, …). */
  List<Sample> find(String name, String... labels) {
    Predicate<Sample> match = s -> s.name().equals(name);
    for (int i = 0; i < labels.length; i += 2) {
      String key = labels[i];
      String value = labels[i + 1];
      match = match.and(s -> value.equals(s.labels().get(key)));
    }
    return samples.stream().filter(match).toList();
  }

  /** The value of the one sample that matches, or 0 when none does (a series not yet made). */
  double value(String name, String... labels) {
    List<Sample> found = find(name, labels);
    if (found.size() > 1) {
      throw new AssertionError("more than one sample of " + name + " matches: " + found);
    }
    return found.isEmpty() ? 0 : found.get(0).value();
  }
}
