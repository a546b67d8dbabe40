package dev.preflight.graph.io.nix;

import dev.preflight.graph.Progress;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Opens a Nix input file, decompressing gzip or xz when its first bytes say so (big {@code nix
 * derivation show --recursive} dumps are often kept compressed), and reports the compressed bytes
 * read to a {@link Progress}.
 */
final class NixInput {
  private NixInput() {}

  static InputStream open(Path file, Progress progress) throws IOException {
    long size = Files.size(file);
    progress.start("reading " + file.getFileName(), size);
    InputStream raw = new CountingStream(Files.newInputStream(file), progress);
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(6);
    byte[] magic = in.readNBytes(6);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    if (magic.length == 6
        && (magic[0] & 0xff) == 0xfd
        && magic[1] == '7'
        && magic[2] == 'z'
        && magic[3] == 'X'
        && magic[4] == 'Z'
        && magic[5] == 0) {
      return new BufferedInputStream(new XZInputStream(in), 1 << 16);
    }
    return in;
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
