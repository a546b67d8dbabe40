package dev.preflight.graph.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a file through a temporary sibling and a rename, so readers never see a partial file. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes to a path and may fail. */
  @FunctionalInterface
  public interface PathWriter {
    void write(Path target) throws IOException;
  }

  /** Something that writes to a stream and may fail. */
  @FunctionalInterface
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Calls {@code writer} on a temporary file next to {@code target}, then renames it to {@code
   * target}. On any failure the temporary file is deleted and the exception rethrown.
   */
  public static void write(Path target, PathWriter writer) {
    if (target.toString().isEmpty()) {
      throw dev.preflight.graph.InputException.of("the output file name is empty");
    }
    if (Files.isDirectory(target)) {
      throw new dev.preflight.graph.InputException(
          target.toString(), null, "is a directory: name a file to write");
    }
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p)) {
          throw new dev.preflight.graph.InputException(
              target.toString(), null, "cannot write: " + p + " is not a directory");
        }
        break;
      }
    }
    Path tmp = null;
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
      writer.write(tmp);
      // createTempFile makes the file owner-only (0600); a written graph or report is meant to be
      // shared like any other file the user creates.
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException notPosix) {
        // Not a POSIX file system: keep the platform default.
      }
      try {
        Files.move(
            tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      // The reason alone: a FileSystemException's message names the temporary file.
      String reason =
          e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
              ? fse.getReason()
              : e.getMessage();
      throw new UncheckedIOException("cannot write " + target + ": " + reason, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Best effort: the original failure is what the user needs to see.
        }
      }
    }
  }

  /** Like {@link #write(Path, PathWriter)}, for writers of a buffered stream. */
  public static void writeStream(Path target, StreamWriter writer) {
    write(
        target,
        tmp -> {
          try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
            writer.write(out);
          }
        });
  }
}
