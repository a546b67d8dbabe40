package dev.preflight.graph.io;

import dev.preflight.graph.InputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opening an input file, with the failures in words a user can act on: {@code no such file}, {@code
 * is a directory, not a file}, {@code permission denied}, {@code not UTF-8 text}. Every reader
 * (graphs, Debian indices, Nix files, clusters, histories, changes, settings) checks and maps its
 * {@link IOException} here, so a missing or unreadable input reads the same whichever command
 * opened it, and never as a Java exception name.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Fails unless {@code file} is a readable regular file.
   *
   * @throws InputException naming the file and what is wrong with it
   */
  public static void requireFile(Path file) {
    if (Files.isRegularFile(file)) {
      if (!Files.isReadable(file)) {
        throw new InputException(file.toString(), null, "permission denied");
      }
      return;
    }
    if (Files.isDirectory(file)) {
      throw new InputException(file.toString(), null, "is a directory, not a file");
    }
    if (!Files.exists(file)) {
      throw new InputException(file.toString(), null, "no such file");
    }
    // A device or a named pipe: let the reader try.
  }

  /** {@code e}, raised while reading {@code file}, as an error naming the file. */
  public static InputException unreadable(Path file, IOException e) {
    return new InputException(file.toString(), null, reason(file, e), e);
  }

  static String reason(Path file, IOException e) {
    if (e instanceof NoSuchFileException && !Files.exists(file)) {
      return "no such file";
    }
    if (Files.isDirectory(file)) {
      return "is a directory, not a file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    String m = e.getMessage();
    // A FileSystemException's message starts with the path; its reason is the part to show.
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      m = fse.getReason();
    }
    return "cannot read: " + (m == null ? e.getClass().getSimpleName() : m);
  }
}
