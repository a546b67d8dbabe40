package dev.preflight.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: which targets are renamed over and which are written in place; temp-file cleanup. */
final class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void mode_devicesAndProcFiles_areWrittenDirectly() {
    assertEquals(AtomicFiles.Mode.DIRECT, AtomicFiles.mode(Path.of("/dev/null")));
    assertEquals(AtomicFiles.Mode.DIRECT, AtomicFiles.mode(Path.of("/dev/stdout")));
    assertEquals(AtomicFiles.Mode.DIRECT, AtomicFiles.mode(Path.of("/proc/self/fd/1")));
    assertEquals(AtomicFiles.Mode.DIRECT, AtomicFiles.mode(Path.of("/dev/../dev/null")));
  }

  @Test
  void mode_regularOrNewFile_isRenamed() throws IOException {
    Path f = Files.writeString(dir.resolve("a.txt"), "x");
    assertEquals(AtomicFiles.Mode.RENAME, AtomicFiles.mode(f));
    assertEquals(AtomicFiles.Mode.RENAME, AtomicFiles.mode(dir.resolve("new.txt")));
  }

  @Test
  void mode_symlinkToADevice_isWrittenDirectly() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"));
    assertEquals(AtomicFiles.Mode.DIRECT, AtomicFiles.mode(link));
  }

  @Test
  void mode_fifo_isWrittenDirectly() throws Exception {
    Path fifo = dir.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    assertEquals(AtomicFiles.Mode.DIRECT, AtomicFiles.mode(fifo));
  }

  @Test
  void write_devNull_staysADevice() {
    // Writing to /dev/null is harmless whatever the outcome; the point is it is not replaced.
    AtomicFiles.writeStream(Path.of("/dev/null"), out -> out.write("x".getBytes()));
    assertFalse(Files.isRegularFile(Path.of("/dev/null")));
  }

  @Test
  void write_failingWriter_leavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("t.txt");
    assertThrows(
        IOException.class,
        () -> {
          try {
            AtomicFiles.write(
                target,
                tmp -> {
                  Files.writeString(tmp, "partial");
                  throw new IOException("disk full");
                });
          } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
          }
        });
    assertEquals(List.of(), list());
    assertTrue(AtomicFiles.live().isEmpty());
  }

  @Test
  void staged_isLiveUntilCommitted_andTheHookDeletesIt() throws IOException {
    AtomicFiles.Staged s = AtomicFiles.stageStream(dir.resolve("x.arrow"), out -> out.write(1));
    assertEquals(1, list().size());
    assertEquals(1, AtomicFiles.live().size());
    AtomicFiles.deleteLive(); // what the shutdown hook runs on SIGINT or SIGTERM
    assertEquals(List.of(), list());
    assertTrue(AtomicFiles.live().isEmpty());
    s.discard();
  }

  @Test
  void staged_discard_deletesAndWritesNothing() throws IOException {
    AtomicFiles.Staged s = AtomicFiles.stageStream(dir.resolve("x.txt"), out -> out.write(1));
    s.discard();
    assertEquals(List.of(), list());
  }

  private List<Path> list() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
