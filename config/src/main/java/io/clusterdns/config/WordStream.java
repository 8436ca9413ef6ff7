package io.clusterdns.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The words still to parse. Imports splice the words they name in at the front, so the parser
 * reads imported content exactly where the {@code import} line stood.
 */
final class WordStream {
  private final Deque<Word> words;

  WordStream(List<Word> words) {
    this.words = new ArrayDeque<>(words);
  }

  /** The next word without taking it, or null at the end. */
  Word peek() {
    return words.peekFirst();
  }

  /** Takes the next word, or returns null at the end. */
  Word next() {
    return words.pollFirst();
  }

  /** Whether the next word continues the current line (so it belongs to the same directive). */
  boolean continuesLine() {
    Word next = peek();
    return next != null && !next.lineStart();
  }

  void pushFront(List<Word> spliced) {
    for (int i = spliced.size() - 1; i >= 0; i--) {
      words.addFirst(spliced.get(i));
    }
  }

  /** Fails unless the line ends after a closing brace (another '}' may follow). */
  void requireLineEndAfterClose() throws CorefileException {
    Word next = peek();
    if (next != null && !next.lineStart() && !next.isCloseBrace()) {
      throw new CorefileException(
          next.location(),
          "unexpected '" + next.raw() + "' after '}' on the same line; expected the end of the"
              + " line");
    }
  }
}
