package io.clusterdns.plugin.cluster.source;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Cuts a manifest file into chunks of whole documents, read as a stream, so that chunks parse
 * independently (in parallel) and no more than a few chunks of text are held at once. A
 * document ends at a line that starts with {@code ---} followed by nothing or by a blank; such a
 * line is kept in the chunk as a bare {@code ---}, so that line numbers inside a chunk are line
 * numbers of the file counted from the chunk's first line. Lines end at any Unicode line break
 * ({@code \R}), and every line of a chunk ends in {@code \n}.
 *
 * <p>A document whose first non-blank character is <code>{</code> or {@code [} is JSON and goes
 * in a chunk of its own, to be parsed as JSON, whose error messages are the clearer ones for
 * JSON mistakes.
 */
final class ManifestChunks {
  /**
   * Chunks of about this many characters: large enough that a parser per chunk costs nothing,
   * small enough that a file of a few hundred Services already spreads over the cores.
   */
  static final int CHUNK_CHARS = 1 << 16;
  private static final String SEPARATOR = "---";

  /**
   * Whole documents of the file.
   *
   * @param text the lines, each ended by {@code \n}
   * @param firstLine the number in the file of the text's first line, from 1
   * @param json whether the text is one JSON document
   */
  record Chunk(String text, int firstLine, boolean json) {}

  private final Lines lines;
  private final int chunkChars;
  private final Deque<Chunk> ready = new ArrayDeque<>();
  private final StringBuilder text = new StringBuilder();
  private int line;
  private int chunkFirstLine = 1;
  /** Where the current document starts in {@link #text}, and on which line of the file. */
  private int documentOffset;
  private int documentLine = 1;
  /** The first non-blank character of the current document, or 0 while it has none. */
  private char documentFirst;
  private boolean ended;

  ManifestChunks(Reader reader, int chunkChars) {
    this.lines = new Lines(reader);
    this.chunkChars = chunkChars;
  }

  /** The next chunk in file order, or null after the last. */
  Chunk next() throws IOException {
    while (ready.isEmpty() && !ended) {
      // Each line is read straight into the chunk's text, and taken out again if it ends a document.
      int start = text.length();
      if (!lines.appendNext(text)) {
        endDocument();
        flush(text.length());
        ended = true;
      } else {
        line++;
        if (isSeparator(text, start)) {
          text.setLength(start);
          endDocument();
          if (text.length() >= chunkChars) {
            flush(text.length());
            chunkFirstLine = line + 1;
          } else {
            text.append(SEPARATOR).append('\n');
          }
          documentOffset = text.length();
          documentLine = line + 1;
          documentFirst = 0;
        } else {
          if (documentFirst == 0) {
            documentFirst = firstNonBlank(text, start);
          }
          text.append('\n');
        }
      }
    }
    return ready.poll();
  }

  /**
   * A blank document becomes empty lines (it is skipped, and a YAML parser might not take every
   * Unicode blank); a JSON document leaves the chunk, with the separator before it, as a chunk of
   * its own.
   */
  private void endDocument() {
    if (documentFirst == 0) {
      int breaks = (int) text.chars().skip(documentOffset).filter(c -> c == '\n').count();
      text.setLength(documentOffset);
      text.append("\n".repeat(breaks));
    } else if (documentFirst == '{' || documentFirst == '[') {
      String json = text.substring(documentOffset);
      flush(Math.max(0, documentOffset - SEPARATOR.length() - 1));
      ready.add(new Chunk(json, documentLine, true));
      // What follows starts with the separator line being read, if any.
      chunkFirstLine = line;
    }
  }

  /** Queues the first {@code length} characters as a YAML chunk unless they are blank. */
  private void flush(int length) {
    if (!text.substring(0, length).isBlank()) {
      ready.add(new Chunk(text.substring(0, length), chunkFirstLine, false));
    }
    text.setLength(0);
  }

  /**
   * As {@code ^---(\s.*)?$} on the line from {@code start} to the end of {@code text}, without its
   * break: three dashes, then nothing, a space or a tab.
   */
  static boolean isSeparator(CharSequence text, int start) {
    int length = text.length() - start;
    if (length < SEPARATOR.length()
        || text.charAt(start) != '-' || text.charAt(start + 1) != '-' || text.charAt(start + 2) != '-') {
      return false;
    }
    char next = length == SEPARATOR.length() ? ' ' : text.charAt(start + SEPARATOR.length());
    return next == ' ' || next == '\t';
  }

  /** The first non-blank character from {@code start} to the end of {@code text}, or 0. */
  private static char firstNonBlank(CharSequence text, int start) {
    for (int i = start; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return text.charAt(i);
      }
    }
    return 0;
  }

  /**
   * Lines split at any of {@code \r\n}, {@code \n}, {@code \r}, VT, FF, NEL, LS and PS, as
   * {@code String.split("\\R")} splits them.
   */
  private static final class Lines {
    private final Reader reader;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean atEnd;
    private boolean afterCarriageReturn;

    Lines(Reader reader) {
      this.reader = reader;
    }

    /**
     * Appends the next line without its break to {@code into}; false at the end, where nothing
     * is appended. A final empty line is a line too.
     */
    boolean appendNext(StringBuilder into) throws IOException {
      if (atEnd) {
        return false;
      }
      while (true) {
        if (position == limit) {
          limit = reader.read(buffer, 0, buffer.length);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            atEnd = true;
            return true;
          }
        }
        if (afterCarriageReturn) {
          afterCarriageReturn = false;
          if (buffer[position] == '\n') {
            position++;
            continue;
          }
        }
        int start = position;
        while (position < limit && !isBreak(buffer[position])) {
          position++;
        }
        into.append(buffer, start, position - start);
        if (position < limit) {
          afterCarriageReturn = buffer[position++] == '\r';
          return true;
        }
      }
    }

    private static boolean isBreak(char c) {
      return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085'
          || c == '\u2028' || c == '\u2029';
    }
  }
}
