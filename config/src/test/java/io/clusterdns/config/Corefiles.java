package io.clusterdns.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test helpers: parse text with a fixed environment and show the result compactly. */
final class Corefiles {
  static final Path NO_IMPORTS = Path.of("/nonexistent-base-directory");

  private Corefiles() {}

  static Corefile parse(String text) throws CorefileException {
    return parse(text, Map.of());
  }

  static Corefile parse(String text, Map<String, String> environment) throws CorefileException {
    return CorefileParser.parse(text, "Corefile", NO_IMPORTS, environment::get);
  }

  static CorefileException error(String text) {
    return error(text, Map.of());
  }

  static CorefileException error(String text, Map<String, String> environment) {
    return assertThrows(CorefileException.class, () -> parse(text, environment));
  }

  /** Each block on a line: its keys, then its directives in braces. */
  static String shape(Corefile corefile) {
    return corefile.blocks().stream().map(Corefiles::shape).collect(Collectors.joining("\n"));
  }

  static String shape(ServerBlock block) {
    String keys = block.keys().stream().map(Corefiles::key).collect(Collectors.joining(" "));
    return keys + " {" + directives(block.directives()) + "}";
  }

  static String key(ServerKey key) {
    return key.port() == ServerKey.DEFAULT_PORT ? key.zone() : key.zone() + ":" + key.port();
  }

  static String directives(List<Directive> directives) {
    return directives.stream().map(Corefiles::shape).collect(Collectors.joining("; "));
  }

  /** A directive as {@code name arg "quoted arg" {child; child}}. */
  static String shape(Directive directive) {
    StringBuilder out = new StringBuilder(token(directive.name()));
    for (Token arg : directive.args()) {
      out.append(' ').append(token(arg));
    }
    if (directive.hasBlock()) {
      out.append(" {").append(directives(directive.block())).append('}');
    }
    return out.toString();
  }

  private static String token(Token token) {
    return token.quoted() ? '"' + token.text() + '"' : token.text();
  }
}
