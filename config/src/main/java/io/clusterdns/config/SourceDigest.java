package io.clusterdns.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-512 of everything a parse of a Corefile read: the Corefile itself, every imported
 * file, and which files each import glob matched. A changed, added, removed or newly matching
 * file changes it, which is how the reload plugin tells that the configuration changed. A parse
 * that fails digests what it read up to the failure, so the same broken input gives the same
 * digest and is reported once.
 *
 * <p>What was read is kept and digested only when the digest is first asked for: looking up
 * SHA-512 loads the security providers, about 12 ms of CPU that the server's start would
 * otherwise spend on its main thread; the reload plugin asks for it from its own thread.
 */
public final class SourceDigest {
  private final ByteArrayOutputStream read = new ByteArrayOutputStream();
  private String hex;

  /** A file read in full; {@code content} is null when the file is missing or unreadable. */
  void file(String identity, byte[] content) {
    entry('f', identity);
    if (content == null) {
      read.writeBytes(longBytes(-1));
    } else {
      read.writeBytes(longBytes(content.length));
      read.writeBytes(content);
    }
  }

  /** Reads a file as UTF-8 text and records it; one that cannot be read is recorded as such. */
  String read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      file(file.toString(), null);
      throw e;
    }
    file(file.toString(), text.getBytes(StandardCharsets.UTF_8));
    return text;
  }

  /** The names an import glob matched, so that a new or removed match changes the digest. */
  void glob(String pattern, Iterable<String> matches) {
    entry('g', pattern);
    for (String match : matches) {
      entry('m', match);
    }
  }

  private void entry(char kind, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    read.write((byte) kind);
    read.writeBytes(longBytes(bytes.length));
    read.writeBytes(bytes);
  }

  private static byte[] longBytes(long value) {
    byte[] bytes = new byte[Long.BYTES];
    for (int i = 0; i < Long.BYTES; i++) {
      bytes[i] = (byte) (value >>> (8 * (Long.BYTES - 1 - i)));
    }
    return bytes;
  }

  /**
   * The digest as lower-case hex (128 characters); what is read afterwards no longer counts.
   * Safe to call from any thread once the parse that fills it returned.
   */
  public synchronized String hex() {
    if (hex == null) {
      try {
        hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(read.toByteArray()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-512", e);
      }
    }
    return hex;
  }
}
