package io.clusterdns.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the top level of a Corefile: snippet definitions, top-level imports and server blocks,
 * and checks that no zone and port is served twice.
 */
final class ServerBlockParser {
  private final WordStream stream;
  private final Imports imports;
  private final EnvironmentSubstitution environment;
  private final DirectiveParser directives;
  private final Map<String, ServerKey> served = new HashMap<>();

  ServerBlockParser(WordStream stream, Imports imports, EnvironmentSubstitution environment) {
    this.stream = stream;
    this.imports = imports;
    this.environment = environment;
    this.directives = new DirectiveParser(stream, imports, environment);
  }

  List<ServerBlock> parse() throws CorefileException {
    List<ServerBlock> blocks = new ArrayList<>();
    Word word;
    while ((word = stream.next()) != null) {
      if (word.isImport()) {
        imports.expand(word, stream);
      } else if (word.isCloseBrace()) {
        throw DirectiveParser.unexpectedClose(word);
      } else if (word.isOpenBrace()) {
        throw new CorefileException(
            word.location(),
            "server block has no keys: expected one or more keys such as example.org or .:53"
                + " before '{'");
      } else if (isSnippetName(word)) {
        defineSnippet(word);
      } else {
        blocks.add(serverBlock(word));
      }
    }
    return blocks;
  }

  private static boolean isSnippetName(Word word) {
    return !word.quoted() && word.raw().startsWith("(") && word.raw().endsWith(")");
  }

  private void defineSnippet(Word nameWord) throws CorefileException {
    String name = nameWord.raw().substring(1, Math.max(1, nameWord.raw().length() - 1));
    if (name.isEmpty()) {
      throw new CorefileException(
          nameWord.location(), "snippet has no name: expected a name inside '()', as in (common)");
    }
    Word open = stream.peek();
    if (open == null || open.lineStart() || !open.isOpenBrace()) {
      throw new CorefileException(
          nameWord.location(),
          "snippet definition '" + nameWord.raw() + "' must be followed by '{' on the same"
              + " line" + (open == null ? "" : "; found '" + open.raw() + "'"));
    }
    stream.next();
    List<Word> body = new ArrayList<>();
    int depth = 1;
    while (true) {
      Word word = stream.next();
      if (word == null) {
        throw DirectiveParser.missingClose(open, "snippet '" + name + "'");
      }
      if (word.isOpenBrace()) {
        depth++;
      } else if (word.isCloseBrace() && --depth == 0) {
        stream.requireLineEndAfterClose();
        break;
      }
      body.add(word);
    }
    imports.define(nameWord, name, body);
  }

  private ServerBlock serverBlock(Word first) throws CorefileException {
    List<ServerKey> keys = new ArrayList<>();
    Word word = first;
    while (true) {
      boolean expectAnother = addKeys(word, keys);
      Word next = stream.peek();
      if (expectAnother && (next == null || next.isOpenBrace() || next.isCloseBrace())) {
        throw new CorefileException(
            word.location(),
            "expected another key after the trailing ',' in '" + word.raw() + "'"
                + (next == null ? "" : " but found '" + next.raw() + "'"));
      }
      if (next == null
          || next.isOpenBrace()
          || next.isCloseBrace()
          || (next.lineStart() && !expectAnother)) {
        break;
      }
      word = stream.next();
    }
    Word open = stream.peek();
    List<Directive> lines;
    if (open != null && open.isOpenBrace()) {
      stream.next();
      lines = directives.block(open, "the server block");
    } else {
      lines = directives.linesToEnd();
    }
    // A block with bind listens on addresses of its own, so another block may serve the same zone
    // and port elsewhere (node-local DNS); the server checks those keys per address.
    boolean binds = lines.stream().anyMatch(line -> line.nameText().equals("bind"));
    Map<String, ServerKey> scope = binds ? new HashMap<>() : served;
    for (ServerKey key : keys) {
      requireUnserved(key, scope);
    }
    return new ServerBlock(keys, lines, first.location());
  }

  /** Adds the keys in one word; returns whether it ended with a comma, so another must follow. */
  private boolean addKeys(Word word, List<ServerKey> keys) throws CorefileException {
    EnvironmentSubstitution.Result text = environment.apply(word.raw());
    boolean any = false;
    int offset = 0;
    for (String part : text.text().split(",")) {
      if (!part.isEmpty()) {
        keys.addAll(ServerKeyParser.parse(new Token(part, word.quoted(), at(word, text, offset))));
        any = true;
      }
      offset += part.length() + 1;
    }
    if (!any && !word.raw().chars().allMatch(c -> c == ',')) {
      throw new CorefileException(
          word.location(),
          "server block key '" + word.raw() + "' is empty" + text.blame()
              + "; expected a zone such as example.org or .:53");
    }
    return text.text().endsWith(",");
  }

  /** Where a comma-separated part starts, when substitution has not moved it. */
  private static Location at(Word word, EnvironmentSubstitution.Result text, int offset) {
    Location start = word.location();
    if (offset == 0 || !text.text().equals(word.raw()) || word.quoted()) {
      return start;
    }
    return new Location(start.file(), start.line(), start.column() + offset);
  }

  private static void requireUnserved(ServerKey key, Map<String, ServerKey> served) throws CorefileException {
    String id = key.zone() + " " + key.port();
    ServerKey earlier = served.putIfAbsent(id, key);
    if (earlier != null) {
      Location first = earlier.token().location();
      throw new CorefileException(
          key.token(),
          "duplicate key '" + key.token().text() + "': zone " + key.zone()
              + (key.port() == ServerKey.DEFAULT_PORT ? " on the default port" : " port " + key.port())
              + " is already served by key '" + earlier.token().text() + "' at " + first
              + " (line " + first.line() + "); expected each zone and port in one server block"
              + " only");
    }
  }
}
