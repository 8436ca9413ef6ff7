package io.clusterdns.config;

import java.util.List;

/** A named, reusable list of words defined with {@code (name) { ... }} at the top level. */
record Snippet(String name, Location definedAt, List<Word> body) {
  Snippet {
    body = List.copyOf(body);
  }
}
