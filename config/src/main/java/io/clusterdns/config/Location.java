package io.clusterdns.config;

/** A place in a Corefile: file name, 1-based line and column. */
public record Location(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
