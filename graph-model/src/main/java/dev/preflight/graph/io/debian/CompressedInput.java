package dev.preflight.graph.io.debian;

import dev.preflight.graph.InputException;
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
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Opens an index file that may be plain, xz- or gzip-compressed, telling which by its first bytes
 * (a {@code .xz} name on gzip data still reads as gzip), and computes the SHA-256 of the file as
 * stored while it is read. A name ending in {@code .xz} or {@code .gz} on uncompressed data is an
 * error, as are bzip2 and zstd data (Debian mirrors publish {@code .xz} and {@code .gz} indices).
 *
 * <p>Not thread-safe: one reader per file.
 */
final class CompressedInput implements AutoCloseable {

  /** How the bytes of a file are compressed. */
  enum Compression {
    PLAIN("plain"),
    XZ("xz"),
    GZIP("gzip"),
    /** Recognized only to say it is not supported. */
    BZIP2("bzip2"),
    /** Recognized only to say it is not supported. */
    ZSTD("zstd");

    private final String label;

    Compression(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

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
    try {
      BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
      byte[] magic = new byte[6];
      buffered.mark(magic.length);
      int got = buffered.readNBytes(magic, 0, magic.length);
      buffered.reset();
      Compression c = detect(magic, got);
      if (c == Compression.BZIP2 || c == Compression.ZSTD) {
        throw new InputException(
            file.toString(),
            null,
            c.label() + " data is not supported (use the .xz, .gz or plain index)");
      }
      String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
      // The magic bytes decide between xz and gzip (a mirror script that gzips into a .xz name
      // is a slip, not an attack); a compressed name on uncompressed data is refused, since it is
      // more likely a truncated or corrupt download than a plain index.
      if (lower.endsWith(".xz") && c == Compression.PLAIN) {
        throw new InputException(
            file.toString(), null, "the name says xz but the data is " + describe(c, magic, got));
      }
      if (lower.endsWith(".gz") && c == Compression.PLAIN) {
        throw new InputException(
            file.toString(), null, "the name says gzip but the data is " + describe(c, magic, got));
      }
      InputStream data =
          switch (c) {
            case XZ -> new XZInputStream(buffered);
            case GZIP -> new GZIPInputStream(buffered, 1 << 16);
            default -> buffered;
          };
      return new CompressedInput(file, raw, data, c);
    } catch (IOException e) {
      closeQuietly(raw);
      throw new InputException(
          file.toString(), null, "cannot read compressed data: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(raw);
      throw e;
    }
  }

  private static Compression detect(byte[] m, int got) {
    if (got >= 6
        && (m[0] & 0xff) == 0xfd
        && m[1] == '7'
        && m[2] == 'z'
        && m[3] == 'X'
        && m[4] == 'Z'
        && m[5] == 0) {
      return Compression.XZ;
    }
    if (got >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
      return Compression.GZIP;
    }
    if (got >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') {
      return Compression.BZIP2;
    }
    if (got >= 4
        && (m[0] & 0xff) == 0x28
        && (m[1] & 0xff) == 0xb5
        && (m[2] & 0xff) == 0x2f
        && (m[3] & 0xff) == 0xfd) {
      return Compression.ZSTD;
    }
    return Compression.PLAIN;
  }

  private static String describe(Compression c, byte[] magic, int got) {
    return c == Compression.PLAIN
        ? (got < 6 ? "too short to be compressed" : "not compressed")
        : c.label() + " data";
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
