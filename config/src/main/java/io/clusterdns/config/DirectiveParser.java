package io.clusterdns.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads directive lines: a name, arguments up to the end of the line, and an optional block whose
 * lines are directives again. A block's {@code {} ends its line, unless the whole block fits on
 * that line ({@code foo { bar }}), which Caddy also reads as a block.
 */
final class DirectiveParser {
  private final WordStream stream;
  private final Imports imports;
  private final EnvironmentSubstitution environment;

  DirectiveParser(WordStream stream, Imports imports, EnvironmentSubstitution environment) {
    this.stream = stream;
    this.imports = imports;
    this.environment = environment;
  }

  /** The lines of the block that {@code open} (already taken) starts, through its '}'. */
  List<Directive> block(Word open, String owner) throws CorefileException {
    Word first = stream.peek();
    if (first != null && !first.lineStart() && !first.isCloseBrace() && !first.isImport()) {
      return oneLineBlock(open, owner);
    }
    List<Directive> lines = new ArrayList<>();
    while (true) {
      Word word = stream.next();
      if (word == null) {
        throw missingClose(open, owner);
      }
      if (word.isCloseBrace()) {
        stream.requireLineEndAfterClose();
        return lines;
      }
      line(word, lines);
    }
  }

  /** The lines of a server block written without braces: everything to the end of the file. */
  List<Directive> linesToEnd() throws CorefileException {
    List<Directive> lines = new ArrayList<>();
    Word word;
    while ((word = stream.next()) != null) {
      if (word.isCloseBrace()) {
        throw unexpectedClose(word);
      }
      line(word, lines);
    }
    return lines;
  }

  static CorefileException unexpectedClose(Word word) {
    return new CorefileException(
        word.location(),
        "unexpected '}': there is no open block for it to close; expected a directive or the"
            + " end of the file");
  }

  private void line(Word word, List<Directive> lines) throws CorefileException {
    if (word.isImport()) {
      imports.expand(word, stream);
    } else if (word.isOpenBrace()) {
      throw new CorefileException(
          word.location(),
          "unexpected '{' at the start of a line; expected a directive name before it on the"
              + " same line");
    } else {
      lines.add(directive(word));
    }
  }

  private List<Directive> oneLineBlock(Word open, String owner) throws CorefileException {
    Directive only = directive(stream.next());
    Word close = stream.peek();
    if (close == null) {
      throw missingClose(open, owner);
    }
    if (!close.isCloseBrace() || close.lineStart()) {
      throw new CorefileException(
          open.location(),
          "'{' must be the last token on its line (or the block must close on the same line,"
              + " as in 'foo { bar }'); found '" + only.nameText() + "' after it and the block"
              + " continues on the next line");
    }
    stream.next();
    stream.requireLineEndAfterClose();
    return List.of(only);
  }

  private Directive directive(Word nameWord) throws CorefileException {
    EnvironmentSubstitution.Result name = environment.apply(nameWord.raw());
    if (name.text().isEmpty()) {
      throw new CorefileException(
          nameWord.location(),
          "directive name '" + nameWord.raw() + "' is empty" + name.blame()
              + "; expected a directive name");
    }
    Token nameToken = new Token(name.text(), nameWord.quoted(), nameWord.location());
    List<Token> args = new ArrayList<>();
    while (stream.continuesLine()
        && !stream.peek().isOpenBrace()
        && !stream.peek().isCloseBrace()) {
      Word arg = stream.next();
      args.add(new Token(environment.apply(arg.raw()).text(), arg.quoted(), arg.location()));
    }
    if (stream.continuesLine() && stream.peek().isOpenBrace()) {
      Word open = stream.next();
      List<Directive> block = block(open, "'" + nameToken.text() + "'");
      return new Directive(nameToken, args, block, true);
    }
    return new Directive(nameToken, args, List.of(), false);
  }

  static CorefileException missingClose(Word open, String owner) {
    return new CorefileException(
        open.location(),
        "missing '}': the '{' of " + owner + " opened on line " + open.location().line()
            + " is never closed; expected '}' before the end of the file");
  }
}
