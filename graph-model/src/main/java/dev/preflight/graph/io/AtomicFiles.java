package dev.preflight.graph.io;

import dev.preflight.graph.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file through a temporary file, so readers never see a partial file and a failed run
 * leaves nothing behind.
 *
 * <p>A regular file (or a name that does not exist yet) is written to a temporary sibling that is
 * then renamed over it; a symbolic link to a regular file keeps the link and replaces the file it
 * points to. A special file (a character device such as {@code /dev/null}, a FIFO, a socket,
 * anything under {@code /dev} or {@code /proc} such as {@code /dev/stdout} or {@code
 * /proc/self/fd/1}) is never replaced: the data is staged in a temporary file of the system's
 * temporary folder and then copied into it (a rename would put a regular file in place of the
 * device, which as root destroys {@code /dev/null} for the whole machine).
 *
 * <p>Temporary files are deleted on every error path and, through one shutdown hook, when the JVM
 * ends on SIGINT or SIGTERM while they exist. Thread-safe.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Temporary files not yet renamed or deleted: what the shutdown hook deletes. */
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  static {
    try {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(AtomicFiles::deleteLive, "preflight-temp-cleanup"));
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already ending: nothing will be written.
    }
  }

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

  /** How a target is written. */
  public enum Mode {
    /** A temporary sibling renamed over the target. */
    RENAME,
    /** Staged elsewhere, then copied into the target, which is opened, never replaced. */
    DIRECT
  }

  /**
   * How {@code target} is written: {@link Mode#DIRECT} for anything under {@code /dev} or {@code
   * /proc} (by the name given or by the name its links resolve to) and for any existing file that
   * is not a regular file or a directory; else {@link Mode#RENAME}.
   */
  public static Mode mode(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    if (isSystemPath(absolute)) {
      return Mode.DIRECT;
    }
    if (Files.exists(target)) {
      if (!Files.isRegularFile(target)) {
        return Mode.DIRECT;
      }
      try {
        if (isSystemPath(target.toRealPath())) {
          return Mode.DIRECT;
        }
      } catch (IOException e) {
        return Mode.DIRECT;
      }
    }
    return Mode.RENAME;
  }

  private static boolean isSystemPath(Path absolute) {
    return absolute.startsWith("/dev") || absolute.startsWith("/proc");
  }

  /** The temporary files alive now (for tests). */
  static Set<Path> live() {
    return Set.copyOf(LIVE);
  }

  /** Deletes every live temporary file; the shutdown hook's work. */
  static void deleteLive() {
    for (Path p : LIVE.toArray(new Path[0])) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // Best effort while the JVM ends.
      }
      LIVE.remove(p);
    }
  }

  /**
   * Data written to a temporary file and not yet in place. {@link #commit} puts it in place; {@link
   * #discard} (idempotent, also after a commit) deletes what is left.
   */
  public static final class Staged {
    private final Path target;
    private final Path finalPath;
    private final Mode mode;
    private Path tmp;

    private Staged(Path target, Path finalPath, Mode mode, Path tmp) {
      this.target = target;
      this.finalPath = finalPath;
      this.mode = mode;
      this.tmp = tmp;
    }

    public Path target() {
      return target;
    }

    public Mode mode() {
      return mode;
    }

    /** Renames or copies the staged data into the target. */
    public void commit() {
      if (tmp == null) {
        throw new IllegalStateException("already committed or discarded: " + target);
      }
      try {
        if (mode == Mode.RENAME) {
          try {
            Files.move(
                tmp,
                finalPath,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, finalPath, StandardCopyOption.REPLACE_EXISTING);
          }
          LIVE.remove(tmp);
          tmp = null;
        } else {
          // APPEND: a FIFO or device does not care, and a file behind /dev/stdout that the shell
          // opened with >> keeps what it had. Never CREATE: the target exists or is refused.
          try (InputStream in = Files.newInputStream(tmp);
              OutputStream out =
                  Files.newOutputStream(
                      target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            in.transferTo(out);
          }
          discard();
        }
      } catch (IOException e) {
        discard();
        throw cannotWrite(target, e);
      }
    }

    /** Deletes the temporary file, if any is left. */
    public void discard() {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Best effort: the original failure is what the user needs to see.
        }
        LIVE.remove(tmp);
        tmp = null;
      }
    }
  }

  /**
   * Runs {@code writer} on a temporary file for {@code target} and returns it staged; on any
   * failure the temporary file is deleted and the exception rethrown.
   */
  public static Staged stage(Path target, PathWriter writer) {
    if (target.toString().isEmpty()) {
      throw InputException.of("the output file name is empty");
    }
    if (Files.isDirectory(target)) {
      throw new InputException(target.toString(), null, "is a directory: name a file to write");
    }
    Mode mode = mode(target);
    Path finalPath = target.toAbsolutePath();
    Path dir;
    if (mode == Mode.DIRECT) {
      if (!Files.exists(target)) {
        throw new InputException(
            target.toString(), null, "cannot write: no such device or special file");
      }
      dir = Path.of(System.getProperty("java.io.tmpdir"));
    } else {
      if (Files.isSymbolicLink(target) && Files.exists(target)) {
        try {
          // Replace the file the link points to, not the link.
          finalPath = target.toRealPath();
        } catch (IOException e) {
          throw cannotWrite(target, e);
        }
      }
      dir = finalPath.getParent();
      for (Path p = dir; p != null; p = p.getParent()) {
        if (Files.exists(p)) {
          if (!Files.isDirectory(p)) {
            throw new InputException(
                target.toString(), null, "cannot write: " + p + " is not a directory");
          }
          break;
        }
      }
    }
    Path tmp = null;
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      tmp = Files.createTempFile(dir, "." + finalPath.getFileName() + ".", ".tmp");
      LIVE.add(tmp);
      writer.write(tmp);
      // createTempFile makes the file owner-only (0600); a written graph or report is meant to be
      // shared like any other file the user creates.
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException notPosix) {
        // Not a POSIX file system: keep the platform default.
      }
      Staged staged = new Staged(target, finalPath, mode, tmp);
      tmp = null;
      return staged;
    } catch (IOException e) {
      throw cannotWrite(target, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Best effort.
        }
        LIVE.remove(tmp);
      }
    }
  }

  private static UncheckedIOException cannotWrite(Path target, IOException e) {
    // The reason alone: a FileSystemException's message names the temporary file.
    String reason =
        e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
            ? fse.getReason()
            : e.getMessage();
    return new UncheckedIOException("cannot write " + target + ": " + reason, e);
  }

  /**
   * Calls {@code writer} on a temporary file, then puts it in place of {@code target} (see the
   * class comment). On any failure the temporary file is deleted and the exception rethrown.
   */
  public static void write(Path target, PathWriter writer) {
    stage(target, writer).commit();
  }

  /** Like {@link #stage(Path, PathWriter)}, for writers of a buffered stream. */
  public static Staged stageStream(Path target, StreamWriter writer) {
    return stage(
        target,
        tmp -> {
          try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
            writer.write(out);
          }
        });
  }

  /** Like {@link #write(Path, PathWriter)}, for writers of a buffered stream. */
  public static void writeStream(Path target, StreamWriter writer) {
    stageStream(target, writer).commit();
  }
}
