package io.clusterdns.config;

/**
 * One lexed word before environment substitution. Braces are structural only when they are a
 * bare word of their own, so {@code quoted} and the raw text together decide what a word means.
 *
 * @param raw the text as written (quotes removed, {@code \"} unescaped)
 * @param quoted whether it was written in double quotes
 * @param location where it starts
 * @param lineStart whether it is the first word of its line
 * @param origin the directory relative imports resolve against, and the imports that led here
 */
record Word(String raw, boolean quoted, Location location, boolean lineStart, Origin origin) {

  boolean isOpenBrace() {
    return !quoted && raw.equals("{");
  }

  boolean isCloseBrace() {
    return !quoted && raw.equals("}");
  }

  boolean isImport() {
    return !quoted && raw.equals("import");
  }

  Word startingLine() {
    return lineStart ? this : new Word(raw, quoted, location, true, origin);
  }

  Word withChain(ImportChain chain) {
    return new Word(raw, quoted, location, lineStart, new Origin(origin.directory(), chain));
  }
}
