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

  /** This chain followed by one more import, unless that import is already on the chain. */
  ImportChain then(String identity, String description, Location importedAt)
      throws CorefileException {
    List<Link> longer = new ArrayList<>(links);
    longer.add(new Link(identity, description, importedAt));
    if (links.stream().anyMatch(link -> link.identity().equals(identity))) {
      throw new CorefileException(
          importedAt,
          "import cycle: "
              + longer.stream().map(Link::toString).collect(Collectors.joining(" -> "))
              + "; expected imports that do not lead back to themselves");
    }
    return new ImportChain(longer);
  }
}
