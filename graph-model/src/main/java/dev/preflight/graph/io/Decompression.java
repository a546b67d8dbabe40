package dev.preflight.graph.io;

import dev.preflight.graph.InputException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * How an input file is compressed, told by its first bytes, and the stream that decompresses it.
 * Detection and decoding are Apache commons-compress's ({@link CompressorStreamFactory#detect},
 * {@link CompressorStreamFactory#createCompressorInputStream(String, InputStream, boolean)}); the
 * importers accept what Debian mirrors and Nix users keep their big inputs in: gzip, xz, bzip2 (dak
 * still writes {@code .bz2} indices for some suites) and zstd ({@code zstd-jni}, on the classpath
 * through arrow-compression). Issue 15 item 6 replaced the hand-written magic-byte checks with
 * this; docs/benchmarks.md has the measurement.
 *
 * <p>Bounds: concatenated gzip and xz members are read to the end, as {@code gzip -d} and {@code xz
 * -d} do; the xz and LZMA decoders refuse a stream whose dictionary would need more than {@value
 * #MEMORY_LIMIT_KIB} KiB (xz's own {@code -9} preset needs 65 MiB to decompress), so a hostile
 * header cannot make the reader allocate gigabytes. Thread-safe (no state).
 */
public final class Decompression {
  private Decompression() {}

  /** Memory the xz/LZMA decoders may use, in KiB: twice what {@code xz -9} needs. */
  public static final int MEMORY_LIMIT_KIB = 128 * 1024;

  /** How the bytes of a file are compressed. */
  public enum Compression {
    PLAIN("plain", null),
    GZIP("gzip", CompressorStreamFactory.GZIP),
    XZ("xz", CompressorStreamFactory.XZ),
    BZIP2("bzip2", CompressorStreamFactory.BZIP2),
    ZSTD("zstd", CompressorStreamFactory.ZSTANDARD);

    private final String label;
    private final String commonsName;

    Compression(String label, String commonsName) {
      this.label = label;
      this.commonsName = commonsName;
    }

    /** The name used in messages. */
    public String label() {
      return label;
    }
  }

  /**
   * The compression of the stream's next bytes, without consuming them.
   *
   * @param in a stream that supports {@link InputStream#mark}
   * @param source names the input in an error message
   * @throws InputException for compressions the importers do not read (lzma, compress's {@code .Z},
   *     lz4, snappy, pack200), naming the one found
   */
  public static Compression detect(InputStream in, String source) throws IOException {
    if (!in.markSupported()) {
      throw new IllegalArgumentException("detection needs a stream that supports mark");
    }
    String name;
    try {
      name = CompressorStreamFactory.detect(in);
    } catch (CompressorException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      return Compression.PLAIN; // "No Compressor found for the stream signature."
    }
    for (Compression c : Compression.values()) {
      if (name.equals(c.commonsName)) {
        return c;
      }
    }
    if (name.equals(CompressorStreamFactory.DEFLATE)) {
      // A zlib header is two bytes that text can hold ("x^" passes its checksum); no index is
      // stored as a bare zlib stream, so these bytes are read as they are.
      return Compression.PLAIN;
    }
    throw new InputException(
        source, null, name + " data is not supported (use gzip, xz, bzip2, zstd or plain data)");
  }

  /** The decompressed bytes of {@code in}, which holds data of compression {@code c}. */
  public static InputStream open(Compression c, InputStream in) throws IOException {
    if (c == Compression.PLAIN) {
      return in;
    }
    try {
      return new CompressorStreamFactory(true, MEMORY_LIMIT_KIB)
          .createCompressorInputStream(c.commonsName, in, true);
    } catch (CompressorException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }
}
