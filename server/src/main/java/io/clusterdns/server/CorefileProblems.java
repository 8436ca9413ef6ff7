package io.clusterdns.server;

import io.clusterdns.config.CorefileException;
import java.util.List;
import java.util.stream.Collectors;

/** Every problem found while setting up a Corefile's plugins, so that all are shown at once. */
public final class CorefileProblems extends Exception {
  private final List<CorefileException> problems;

  public CorefileProblems(List<CorefileException> problems) {
    super(problems.stream().map(Throwable::getMessage).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<CorefileException> problems() {
    return problems;
  }
}
