package dev.preflight.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing, directory and unwritable paths read as words, not as Java exception names. */
final class InputFilesTest {
  @TempDir Path dir;

  @Test
  void requireFile_missingOrDirectory_saysWhich() {
    InputException missing =
        assertThrows(InputException.class, () -> InputFiles.requireFile(dir.resolve("nope")));
    assertEquals(dir.resolve("nope") + ": no such file", missing.getMessage());
    InputException directory =
        assertThrows(InputException.class, () -> InputFiles.requireFile(dir));
    assertEquals(dir + ": is a directory, not a file", directory.getMessage());
  }

  @Test
  void unreadable_showsTheReason_notTheExceptionClassOrPathAgain() {
    Path f = dir.resolve("x");
    assertEquals("no such file", InputFiles.reason(f, new NoSuchFileException(f.toString())));
    assertEquals(
        "cannot read: Input/output error",
        InputFiles.reason(f, new FileSystemException(f.toString(), null, "Input/output error")));
    assertEquals("is a directory, not a file", InputFiles.reason(dir, new IOException("EISDIR")));
  }

  @Test
  void tsvEdges_missingOrADirectory_isAnInputErrorNamingTheFile() {
    // Regression: import tsv printed "java.nio.file.NoSuchFileException: e.tsv" and, for a
    // directory, "java.io.IOException: Is a directory" without the file.
    Path missing = dir.resolve("e.tsv");
    InputException e =
        assertThrows(InputException.class, () -> TsvGraphFormat.read(missing, null, Progress.NONE));
    assertEquals(missing + ": no such file", e.getMessage());
    Path sub = dir.resolve("d.tsv");
    InputException d =
        assertThrows(
            InputException.class,
            () -> {
              Files.createDirectory(sub);
              TsvGraphFormat.read(sub, null, Progress.NONE);
            });
    assertTrue(d.getMessage().contains("is a directory, not a file"), d.getMessage());
  }

  @Test
  void atomicWrite_toADirectoryOrUnderAFile_failsBeforeWriting_withoutTempNames()
      throws IOException {
    InputException toDir =
        assertThrows(InputException.class, () -> AtomicFiles.writeStream(dir, out -> out.write(1)));
    assertEquals(dir + ": is a directory: name a file to write", toDir.getMessage());
    Path file = Files.writeString(dir.resolve("f.txt"), "old", StandardCharsets.UTF_8);
    InputException underFile =
        assertThrows(
            InputException.class,
            () -> AtomicFiles.writeStream(file.resolve("x.txt"), out -> out.write(1)));
    assertTrue(
        underFile.getMessage().endsWith(file + " is not a directory"), underFile.getMessage());
    UncheckedIOException failed =
        assertThrows(
            UncheckedIOException.class,
            () ->
                AtomicFiles.writeStream(
                    file,
                    out -> {
                      out.write('n');
                      throw new FileSystemException("/tmp/.f.txt.123.tmp", null, "disk full");
                    }));
    assertEquals("cannot write " + file + ": disk full", failed.getMessage());
    assertEquals("old", Files.readString(file), "the old file survives a failed write");
    try (var files = Files.list(dir)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }
}
