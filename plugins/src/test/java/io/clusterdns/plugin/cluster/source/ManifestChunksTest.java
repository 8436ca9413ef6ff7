package io.clusterdns.plugin.cluster.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ManifestChunksTest {
  private static List<ManifestChunks.Chunk> chunks(String text, int chunkChars) throws IOException {
    ManifestChunks chunks = new ManifestChunks(new StringReader(text), chunkChars);
    List<ManifestChunks.Chunk> all = new ArrayList<>();
    for (ManifestChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
      all.add(chunk);
    }
    return all;
  }

  @Test
  void chunksHoldWholeDocumentsAndKeepTheirLinesWhereTheFileHasThem() throws IOException {
    long seed = System.nanoTime();
    System.out.println("ManifestChunksTest seed " + seed);
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int document = 0; document < 200; document++) {
      if (document > 0) {
        lines.add(random.nextBoolean() ? "---" : "--- # document " + document);
      }
      for (int line = random.nextInt(5); line >= 0; line--) {
        lines.add("key" + document + "x" + line + ": value");
      }
    }
    String[] breaks = {"\n", "\r\n", "\r", "\u2028", "\u0085"};
    StringBuilder file = new StringBuilder();
    for (String line : lines) {
      file.append(line).append(breaks[random.nextInt(breaks.length)]);
    }
    // The file ends with a line break: an empty last line.
    lines.add("");
    List<ManifestChunks.Chunk> chunks = chunks(file.toString(), 100);
    assertTrue(chunks.size() > 10, "small chunks: " + chunks.size());
    int expectedFirst = 1;
    for (ManifestChunks.Chunk chunk : chunks) {
      assertFalse(chunk.json());
      assertEquals(expectedFirst, chunk.firstLine());
      String[] chunkLines = chunk.text().split("\n", -1);
      for (int i = 0; i < chunkLines.length - 1; i++) {
        String original = lines.get(chunk.firstLine() - 1 + i);
        assertEquals(ManifestChunks.isSeparator(original, 0) ? "---" : original, chunkLines[i]);
      }
      assertFalse(chunkLines[0].equals("---"), "a chunk starts after a separator");
      // the separator that ended the chunk is not in either chunk
      expectedFirst = chunk.firstLine() + chunkLines.length;
    }
  }

  @Test
  void aJsonDocumentIsAChunkOfItsOwn() throws IOException {
    String file = "a: 1\n---\n  {\"b\":\n 2}\n---\nc: 3\n---\n[1]\n";
    List<ManifestChunks.Chunk> chunks = chunks(file, 1 << 16);
    assertEquals(
        List.of(
            new ManifestChunks.Chunk("a: 1\n", 1, false),
            new ManifestChunks.Chunk("  {\"b\":\n 2}\n", 3, true),
            new ManifestChunks.Chunk("---\nc: 3\n", 5, false),
            new ManifestChunks.Chunk("[1]\n\n", 8, true)),
        chunks);
  }

  @Test
  void blankDocumentsAndSeparatorVariants() throws IOException {
    String file = "---\n \u001c \n---\ta: 1\n----\n---x\nb: 2\n";
    assertEquals(List.of(new ManifestChunks.Chunk("---\n\n---\n----\n---x\nb: 2\n\n", 1, false)),
        chunks(file, 1 << 16));
    assertTrue(ManifestChunks.isSeparator("---", 0));
    assertTrue(ManifestChunks.isSeparator("--- !tag", 0));
    assertTrue(ManifestChunks.isSeparator("---\tx", 0));
    assertFalse(ManifestChunks.isSeparator("----", 0));
    assertFalse(ManifestChunks.isSeparator(" ---", 0));
    assertEquals(List.of(), chunks("", 1 << 16));
    // Only empty documents: parsed (to nothing), as they cost nothing
    assertEquals(List.of(new ManifestChunks.Chunk("\n\n---\n\n", 1, false)), chunks("\n \n---\n", 1 << 16));
  }
}
