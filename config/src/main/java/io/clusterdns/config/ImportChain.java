package io.clusterdns.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The imports that led to a word, outermost first, so that an import cycle can be named. */
record ImportChain(List<Link> links) {
  static final ImportChain ROOT = new ImportChain(List.of());

  /**
   * One import step.
   *
   * @param identity what was imported: {@code snippet:NAME} or the file's real path
   * @param description how to show it to a user
   * @param importedAt the {@code import} word that pulled it in, or null for the root Corefile
   */
  record Link(String identity, String description, Location importedAt) {
    @Override
    public String toString() {
      return importedAt == null ? description : description + " (imported at " + importedAt + ")";
    }
  }

  ImportChain {
    links = List.copyOf(links);
  }

  static ImportChain rootFile(String identity, String description) {
    return new ImportChain(List.of(new Link(identity, description, null)));
  }

  boolean contains(String identity) {
    return links.stream().anyMatch(link -> link.identity().equals(identity));
  }

  ImportChain then(Link link) {
    List<Link> longer = new ArrayList<>(links);
    longer.add(link);
    return new ImportChain(longer);
  }

  String describe() {
    return links.stream().map(Link::toString).collect(Collectors.joining(" -> "));
  }
}
