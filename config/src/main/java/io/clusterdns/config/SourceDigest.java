package io.clusterdns.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-512 of everything a parse of a Corefile read: the Corefile itself, every imported
 * file, and which files each import glob matched. A changed, added, removed or newly matching
 * file changes it, which is how the reload plugin tells that the configuration changed. A parse
 * that fails digests what it read up to the failure, so the same broken input gives the same
 * digest and is reported once.
 */
public final class SourceDigest {
  private final MessageDigest sha512;
  private String hex;

  public SourceDigest() {
    try {
      sha512 = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-512", e);
    }
  }

  /** A file read in full; {@code content} is null when the file is missing or unreadable. */
  void file(String identity, byte[] content) {
    entry('f', identity);
    if (content == null) {
      sha512.update(longBytes(-1));
    } else {
      sha512.update(longBytes(content.length));
      sha512.update(content);
    }
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
    sha512.update((byte) kind);
    sha512.update(longBytes(bytes.length));
    sha512.update(bytes);
  }

  private static byte[] longBytes(long value) {
    byte[] bytes = new byte[Long.BYTES];
    for (int i = 0; i < Long.BYTES; i++) {
      bytes[i] = (byte) (value >>> (8 * (Long.BYTES - 1 - i)));
    }
    return bytes;
  }

  /** The digest as lower-case hex (128 characters); what is read afterwards no longer counts. */
  public String hex() {
    if (hex == null) {
      hex = HexFormat.of().formatHex(sha512.digest());
    }
    return hex;
  }
}
