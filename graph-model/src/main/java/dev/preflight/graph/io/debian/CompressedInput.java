package dev.preflight.graph.io.debian;

import dev.preflight.graph.InputException;
import dev.preflight.graph.io.Decompression;
import dev.preflight.graph.io.Decompression.Compression;
import dev.preflight.graph.io.InputFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Opens an index file that may be plain or compressed (gzip, xz, bzip2 or zstd, told by its first
 * bytes through {@link Decompression}: a {@code .xz} name on gzip data still reads as gzip), and
 * computes the SHA-256 of the file as stored while it is read. A name ending in {@code .xz}, {@code
 * .gz}, {@code .bz2} or {@code .zst} on uncompressed data is an error: more likely a truncated or
 * corrupt download than a plain index.
 *
 * <p>Not thread-safe: one reader per file.
 */
final class CompressedInput implements AutoCloseable {

  /** Compressed names, with the compression they promise: a plain file under one is refused. */
  private static final Map<String, String> COMPRESSED_SUFFIXES =
      Map.of(".xz", "xz", ".gz", "gzip", ".bz2", "bzip2", ".zst", "zstd");

  private final Path file;
  private final DigestInputStream raw;
  private final InputStream data;
  private final Compression compression;

  private CompressedInput(
      Path file, DigestInputStream raw, InputStream data, Compression compression) {
    this.file = file;
    this.raw = raw;
    this.data = data;
    this.compression = compression;
  }

  /**
   * Opens {@code file}.
   *
   * @throws InputException if the file is missing, unreadable, or its magic bytes contradict its
   *     name or name an unsupported compression
   */
  static CompressedInput open(Path file) {
    InputFiles.requireFile(file);
    DigestInputStream raw;
    try {
      raw = new DigestInputStream(Files.newInputStream(file), sha256());
    } catch (IOException e) {
      throw InputFiles.unreadable(file, e);
    }
    Compression c = Compression.PLAIN;
    try {
      BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
      c = Decompression.detect(buffered, file.toString());
      String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
      // The magic bytes decide between the compressions (a mirror script that gzips into a .xz
      // name is a slip, not an attack); a compressed name on uncompressed data is refused.
      if (c == Compression.PLAIN) {
        for (Map.Entry<String, String> suffix : COMPRESSED_SUFFIXES.entrySet()) {
          if (lower.endsWith(suffix.getKey())) {
            buffered.mark(6);
            int got = buffered.readNBytes(6).length;
            throw new InputException(
                file.toString(),
                null,
                "the name says "
                    + suffix.getValue()
                    + " but the data is "
                    + (got < 6 ? "too short to be compressed" : "not compressed"));
          }
        }
      }
      return new CompressedInput(file, raw, Decompression.open(c, buffered), c);
    } catch (IOException e) {
      closeQuietly(raw);
      // bzip2 decodes its first block when opened: a cut file fails here already.
      throw new InputException(
          file.toString(),
          null,
          c == Compression.PLAIN
              ? "cannot read: " + e.getMessage()
              : "truncated or corrupt " + c.label() + " data (" + e.getMessage() + ")",
          e);
    } catch (RuntimeException e) {
      closeQuietly(raw);
      throw e;
    }
  }

  /** The decompressed bytes. */
  InputStream data() {
    return data;
  }

  Compression compression() {
    return compression;
  }

  Path file() {
    return file;
  }

  /**
   * Reads whatever the decompressor left of the file (trailing padding) and returns the SHA-256 of
   * all its bytes, in lower-case hex.
   */
  String finishSha256() {
    try {
      raw.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(raw.getMessageDigest().digest());
  }

  @Override
  public void close() {
    try {
      data.close();
    } catch (IOException e) {
      // Closing a file we only read: nothing the user can act on.
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Already failing with a better message.
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
