package io.clusterdns.config;

import java.util.List;

/**
 * A directive line inside a server block or inside another directive's block: its name, its
 * arguments, and the lines of its own {@code { … }} block (empty when it has none).
 *
 * @param name the directive's first token
 * @param args the tokens after the name on the same line
 * @param block the directives inside its braces
 * @param hasBlock whether braces were written at all ({@code foo {}} has an empty block)
 */
public record Directive(Token name, List<Token> args, List<Directive> block, boolean hasBlock) {
  public Directive {
    args = List.copyOf(args);
    block = List.copyOf(block);
  }

  public Location location() {
    return name.location();
  }

  /** The directive's name as written. */
  public String nameText() {
    return name.text();
  }
}
