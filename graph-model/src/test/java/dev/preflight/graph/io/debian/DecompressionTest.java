package dev.preflight.graph.io.debian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.io.Decompression;
import dev.preflight.graph.io.Decompression.Compression;
import dev.preflight.graph.testing.RealData;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Differential test of issue 15 item 6: commons-compress decodes the same bytes the hand-written
 * path (magic bytes, then {@link GZIPInputStream} or {@link XZInputStream}) did, on the real
 * bookworm indices and on concatenated members; and it reads what the old path refused.
 */
final class DecompressionTest {

  @Test
  void realBookwormIndices_decodeToTheSameBytesAsTheJdkAndTukaaniDecoders() throws Exception {
    Path data = RealData.debianBookworm("DecompressionTest", DebianTestData.repo());
    for (String name : new String[] {"Sources.xz"}) {
      byte[] xz = Files.readAllBytes(data.resolve(name));
      byte[] old = new XZInputStream(new ByteArrayInputStream(xz)).readAllBytes();
      assertEquals(
          sha256(old), sha256(viaLibrary(xz, Compression.XZ)), name + ": xz decoded differently");
      // Its first 8 MB as gzip: both paths again.
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(gz)) {
        out.write(old, 0, Math.min(old.length, 8 << 20));
      }
      byte[] oldGz = new GZIPInputStream(new ByteArrayInputStream(gz.toByteArray())).readAllBytes();
      assertEquals(sha256(oldGz), sha256(viaLibrary(gz.toByteArray(), Compression.GZIP)), name);
    }
  }

  @Test
  void concatenatedMembers_areReadToTheEnd_likeGzipAndXzDo() throws IOException {
    byte[] a = "Package: a\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] b = "Package: b\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    ByteArrayOutputStream xz = new ByteArrayOutputStream();
    for (byte[] part : new byte[][] {a, b}) {
      ByteArrayOutputStream one = new ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(one)) {
        out.write(part);
      }
      gz.write(one.toByteArray());
      one.reset();
      try (OutputStream out = new XZOutputStream(one, new LZMA2Options())) {
        out.write(part);
      }
      xz.write(one.toByteArray());
    }
    String both = "Package: a\n\nPackage: b\n";
    assertEquals(both, new String(viaLibrary(gz.toByteArray(), Compression.GZIP), "UTF-8"));
    assertEquals(both, new String(viaLibrary(xz.toByteArray(), Compression.XZ), "UTF-8"));
  }

  @Test
  void detect_namesEachCompression_andPlainText() throws Exception {
    byte[] text = "Source: zlib\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(Compression.PLAIN, detect(text));
    assertEquals(Compression.PLAIN, detect(new byte[0]));
    assertEquals(Compression.PLAIN, detect("x^ a zlib-looking start".getBytes("UTF-8")));
    for (Compression c : new Compression[] {Compression.GZIP, Compression.XZ, Compression.BZIP2}) {
      String name =
          switch (c) {
            case GZIP -> CompressorStreamFactory.GZIP;
            case XZ -> CompressorStreamFactory.XZ;
            default -> CompressorStreamFactory.BZIP2;
          };
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (OutputStream out =
          new CompressorStreamFactory().createCompressorOutputStream(name, bytes)) {
        out.write(text);
      }
      assertEquals(c, detect(bytes.toByteArray()));
      assertArrayEquals(text, viaLibrary(bytes.toByteArray(), c));
    }
    InputException e =
        assertThrows(
            InputException.class,
            () -> detect(new byte[] {0x1f, (byte) 0x9d, (byte) 0x90, 'a', 'b', 'c'}));
    assertTrue(e.getMessage().contains("z data is not supported"), e.getMessage());
  }

  @Test
  void xzMemoryLimit_refusesAHugeDictionary() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new XZOutputStream(bytes, new LZMA2Options())) {
      out.write("Package: a\n".getBytes(StandardCharsets.UTF_8));
    }
    // Rewrite the block header's LZMA2 dictionary-size byte (filter 0x21, one property byte) to
    // 34, i.e. 512 MiB (xz-file-format 1.1.0, 5.3.1), and fix the header's CRC32.
    byte[] xz = bytes.toByteArray();
    int start = 12;
    int size = ((xz[start] & 0xff) + 1) * 4;
    int p = start + 2;
    while (!(xz[p] == 0x21 && xz[p + 1] == 0x01)) {
      p++;
    }
    xz[p + 2] = 34;
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(xz, start, size - 4);
    long v = crc.getValue();
    for (int i = 0; i < 4; i++) {
      xz[start + size - 4 + i] = (byte) (v >>> (8 * i));
    }
    IOException e = assertThrows(IOException.class, () -> viaLibrary(xz, Compression.XZ));
    assertTrue(
        e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("memory"), e.getMessage());
  }

  private static Compression detect(byte[] bytes) throws IOException {
    return Decompression.detect(new BufferedInputStream(new ByteArrayInputStream(bytes)), "t");
  }

  private static byte[] viaLibrary(byte[] bytes, Compression expected) throws IOException {
    BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(bytes), 1 << 16);
    assertEquals(expected, Decompression.detect(in, "t"));
    try (InputStream data = Decompression.open(expected, in)) {
      return data.readAllBytes();
    }
  }

  private static String sha256(byte[] b) throws NoSuchAlgorithmException {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
