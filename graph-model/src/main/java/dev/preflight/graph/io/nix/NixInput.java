package dev.preflight.graph.io.nix;

import dev.preflight.graph.Progress;
import dev.preflight.graph.io.Decompression;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a Nix input file, decompressing gzip, xz, bzip2 or zstd when its first bytes say so ({@link
 * Decompression}; big {@code nix derivation show --recursive} dumps are often kept compressed), and
 * reports the compressed bytes read to a {@link Progress}.
 */
final class NixInput {
  private NixInput() {}

  static InputStream open(Path file, Progress progress) throws IOException {
    long size = Files.size(file);
    progress.start("reading " + file.getFileName(), size, "bytes");
    InputStream raw = new CountingStream(Files.newInputStream(file), progress);
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    Decompression.Compression c = Decompression.detect(in, file.toString());
    return c == Decompression.Compression.PLAIN
        ? in
        : new BufferedInputStream(Decompression.open(c, in), 1 << 16);
  }

  /** Passes the number of bytes read on to a progress listener. */
  private static final class CountingStream extends FilterInputStream {
    private final Progress progress;

    CountingStream(InputStream in, Progress progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        progress.advance(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        progress.advance(n);
      }
      return n;
    }
  }
}
