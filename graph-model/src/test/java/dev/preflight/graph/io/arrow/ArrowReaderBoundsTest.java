package dev.preflight.graph.io.arrow;

import static dev.preflight.graph.testing.GraphAssertions.assertSameGraph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.ContentHash;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.SampleGraphs;
import dev.preflight.graph.io.arrow.ArrowGraphFormat.Compression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Arrow reader's allocations are bounded by the file (issue 17's fuzzing finding), and the
 * split into one class per job kept every byte: the bundled graph loads with the content hash it
 * was written with and writes back byte for byte.
 */
final class ArrowReaderBoundsTest {
  private static final String CRASH =
      "/dev/preflight/graph/fuzz/GraphParsersFuzzTestInputs/arrowGraph/"
          + "crash-fc8bd2991392fcb10037d715913f7c231209dcf3";

  @TempDir Path dir;

  @Test
  void read_fuzzFindingWithAnAbsurdUncompressedLength_isACleanErrorNamingTheFile()
      throws IOException {
    Path f = dir.resolve("crash.arrow");
    try (var in = ArrowReaderBoundsTest.class.getResourceAsStream(CRASH)) {
      Files.write(f, in.readAllBytes());
    }
    InputException e =
        assertThrows(InputException.class, () -> ArrowGraphFormat.read(f, Progress.NONE));
    assertTrue(e.getMessage().startsWith(f + ":record batch 1 of 1:"), e.getMessage());
    assertTrue(e.getMessage().contains("corrupt Arrow IPC file"), e.getMessage());
  }

  @Test
  void allocationLimit_growsWithTheFile() {
    assertEquals(64L << 20, ArrowGraphReader.allocationLimit(0));
    assertEquals((64L << 20) + 64L * 1_000_000, ArrowGraphReader.allocationLimit(1_000_000));
  }

  /**
   * A property over many corruptions: eight bytes anywhere in a ZSTD or plain file set to a huge
   * length never make the reader fail with anything but an {@link InputException} (in particular
   * never an {@link OutOfMemoryError}: the fuzzing finding's class of bug, hit at other offsets).
   */
  @Test
  void read_hugeLengthWrittenAnywhere_isNeverAnError() throws IOException {
    PackageGraph g = SampleGraphs.nixLike(300, 4, 5);
    SplittableRandom random = new SplittableRandom(17);
    for (Compression c : Compression.values()) {
      byte[] good = ArrowGraphFormat.toBytes(g, c);
      for (int trial = 0; trial < 400; trial++) {
        byte[] bad = good.clone();
        int at = random.nextInt(bad.length - 8);
        long huge = random.nextBoolean() ? Long.MAX_VALUE >>> random.nextInt(40) : -1L;
        for (int k = 0; k < 8; k++) {
          bad[at + k] = (byte) (huge >>> (8 * k));
        }
        try {
          ArrowGraphFormat.fromBytes(bad, "mutant");
        } catch (InputException expected) {
          assertTrue(expected.getMessage().startsWith("mutant:"), expected.getMessage());
        } catch (RuntimeException | Error e) {
          throw new AssertionError(c + " file, 8 bytes at " + at + " set to " + huge, e);
        }
      }
    }
  }

  @Test
  void toBytesAndFromBytes_roundTripLikeAFile() throws IOException {
    PackageGraph g = SampleGraphs.rich();
    Path f = dir.resolve("g.arrow");
    ArrowGraphFormat.write(g, f, Compression.ZSTD);
    byte[] bytes = ArrowGraphFormat.toBytes(g, Compression.ZSTD);
    assertArrayEquals(Files.readAllBytes(f), bytes);
    assertSameGraph(g, ArrowGraphFormat.fromBytes(bytes, "memory"));
  }

  @Test
  void bundledGraph_loadsWithItsRecordedHash_andWritesBackByteForByte() throws IOException {
    Path bundled = repo().resolve("fixtures/debian-bookworm-amd64.arrow");
    PackageGraph g = ArrowGraphFormat.read(bundled, Progress.NONE);
    // Recorded before the storage was recomposed (NodeColumns + CsrGraph) and the Arrow code split.
    assertEquals("773547c7e3e4df34", ContentHash.hex(g.contentHash()));
    assertEquals(34_288, g.nodeCount());
    assertEquals(250_406, g.edgeCount());
    Path again = dir.resolve("again.arrow");
    ArrowGraphFormat.write(g, again, Compression.ZSTD);
    assertArrayEquals(Files.readAllBytes(bundled), Files.readAllBytes(again));
  }

  private static Path repo() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("fixtures/debian-bookworm-amd64.arrow"))) {
        return p;
      }
    }
    throw new IllegalStateException("no fixtures/debian-bookworm-amd64.arrow above the test");
  }
}
