package io.clusterdns.config;

/**
 * One word of a Corefile after environment substitution. {@code quoted} tells a quoted string
 * apart from a bare word, so that {@code "{"} is an argument and not the start of a block.
 */
public record Token(String text, boolean quoted, Location location) {
  @Override
  public String toString() {
    return text;
  }
}
