package dev.preflight.graph.io.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

final class ControlFileReaderTest {
  private static final ControlFileReader.Comments NO_COMMENTS =
      ControlFileReader.Comments.FORBIDDEN;

  private static final String TWO_STANZAS =
      "Package: hello\n"
          + "Version: 2.10-3\n"
          + "Build-Depends: debhelper-compat (= 13),\n"
          + " help2man,\n"
          + "\ttexinfo\n"
          + "Description: example\n"
          + " first line\n"
          + " .\n"
          + " ..\n"
          + " last line\n"
          + "\n"
          + "\n"
          + "Package: at\n"
          + "Files:\n"
          + " 0123 1234 at_3.2.5-1.dsc\n"
          + " 4567 99 at_3.2.5.orig.tar.gz\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void stanzas_fieldsContinuationsAndLineNumbers() throws IOException {
    List<ControlStanza> s = ControlFileReader.readAll(write("Sources", TWO_STANZAS), NO_COMMENTS);
    assertEquals(2, s.size());
    ControlStanza hello = s.get(0);
    assertEquals(1, hello.number());
    assertEquals(1, hello.line());
    assertEquals("2.10-3", hello.get("Version"));
    assertEquals("2.10-3", hello.get("version"), "field names are case-insensitive");
    assertEquals("debhelper-compat (= 13),\nhelp2man,\ntexinfo", hello.get("Build-Depends"));
    assertEquals("debhelper-compat (= 13), help2man, texinfo", hello.folded("Build-Depends"));
    assertEquals(3, hello.lineOf("Build-Depends"));
    assertEquals("example\nfirst line\n\n.\nlast line", hello.get("Description"));
    assertEquals(List.of("Package", "Version", "Build-Depends", "Description"), hello.fieldNames());
    assertNull(hello.get("Files"));
    assertEquals(-1, hello.lineOf("Files"));
    ControlStanza at = s.get(1);
    assertEquals(2, at.number());
    assertEquals(13, at.line());
    assertEquals("\n0123 1234 at_3.2.5-1.dsc\n4567 99 at_3.2.5.orig.tar.gz", at.get("Files"));
    assertEquals("line 14 (stanza 2)", at.location("Files"));
  }

  @Test
  void toString_writesTheStanzaBackSoItRereadsTheSame() throws IOException {
    ControlStanza hello =
        ControlFileReader.readAll(write("Sources", TWO_STANZAS), NO_COMMENTS).get(0);
    ControlStanza again =
        ControlFileReader.readAll(write("again", hello.toString()), NO_COMMENTS).get(0);
    assertEquals(hello.get("Description"), again.get("Description"));
    assertEquals(hello.get("Build-Depends"), again.get("Build-Depends"));
  }

  @Test
  void separators_whitespaceOnlyLinesCrLfAndTrailingSpaces() throws IOException {
    String text = "\n\nA: 1  \r\nB:2\r\n \t \r\nA: 3\n   \n\n";
    List<ControlStanza> s = ControlFileReader.readAll(write("x", text), NO_COMMENTS);
    assertEquals(2, s.size());
    assertEquals("1", s.get(0).get("A"));
    assertEquals("2", s.get(0).get("B"));
    assertEquals("3", s.get(1).get("A"));
    assertEquals(3, s.get(0).line());
    assertEquals(6, s.get(1).line());
  }

  @Test
  void comments_allowedInDebianControlOnly() throws IOException {
    String text = "# comment\nSource: x\n# inside\nBuild-Depends: a,\n# between\n b\n";
    Path p = write("control", text);
    ControlStanza s = ControlFileReader.readAll(p, ControlFileReader.Comments.ALLOWED).get(0);
    assertEquals("a,\nb", s.get("Build-Depends"));
    InputException e =
        assertThrows(InputException.class, () -> ControlFileReader.readAll(p, NO_COMMENTS));
    assertEquals("line 1 (stanza 1)", e.location());
    assertTrue(e.problem().contains("comment lines are only allowed in debian/control"));
  }

  @Test
  void brokenField_lineWithoutColon_namesLineAndStanza() throws IOException {
    Path p = write("Sources", "Package: a\n\nPackage: b\nVersion 1.0\n");
    InputException e =
        assertThrows(InputException.class, () -> ControlFileReader.readAll(p, NO_COMMENTS));
    assertEquals(p.toString(), e.source());
    assertEquals("line 4 (stanza 2)", e.location());
    assertTrue(e.problem().contains("'Version 1.0' is neither a field"), e.problem());
    assertEquals(
        p
            + ":line 4 (stanza 2): 'Version 1.0' is neither a field ('Name: value') nor a"
            + " continuation line (which starts with a space or tab)",
        e.getMessage());
  }

  @Test
  void brokenField_continuationBeforeAnyField() throws IOException {
    Path p = write("Packages", "Package: a\n\n continued\nPackage: b\n");
    InputException e =
        assertThrows(InputException.class, () -> ControlFileReader.readAll(p, NO_COMMENTS));
    assertEquals("line 3 (stanza 2)", e.location());
    assertTrue(e.problem().contains("continuation line"), e.problem());
  }

  @Test
  void brokenField_duplicateBadNameHyphen() throws IOException {
    assertProblem("A: 1\na: 2\n", "line 2 (stanza 1)", "duplicate field 'a'");
    assertProblem("A: 1\nB C: 2\n", "line 2 (stanza 1)", "'B C' is not a field name");
    assertProblem("A: 1\n: 2\n", "line 2 (stanza 1)", "no field name");
    assertProblem("-A: 1\n", "line 1 (stanza 1)", "starts with a hyphen");
  }

  private void assertProblem(String text, String location, String problem) throws IOException {
    Path p = write("bad", text);
    InputException e =
        assertThrows(InputException.class, () -> ControlFileReader.readAll(p, NO_COMMENTS));
    assertEquals(location, e.location(), e.getMessage());
    assertTrue(e.problem().contains(problem), e.getMessage());
  }

  @Test
  void compression_detectedByMagicBytesNotName() throws IOException {
    byte[] plain = TWO_STANZAS.getBytes(StandardCharsets.UTF_8);
    Path xz = dir.resolve("Sources-no-extension");
    Files.write(xz, xz(plain));
    Path gz = dir.resolve("Sources.data");
    Files.write(gz, gz(plain));
    Path named = dir.resolve("Sources.xz");
    Files.write(named, xz(plain));
    for (Path p : List.of(xz, gz, named)) {
      List<ControlStanza> s = ControlFileReader.readAll(p, NO_COMMENTS);
      assertEquals(2, s.size(), p.toString());
      assertEquals(
          "help2man", RelationParser.parse(s.get(0).get("Build-Depends")).get(1).get(0).name());
    }
    try (ControlFileReader r = ControlFileReader.open(gz, NO_COMMENTS)) {
      assertEquals("gzip", r.compression());
    }
  }

  @Test
  void compression_nameContradictingTheData_orUnsupported_isAnError() throws IOException {
    Path fakeXz = write("Sources.xz", TWO_STANZAS);
    InputException e =
        assertThrows(InputException.class, () -> ControlFileReader.readAll(fakeXz, NO_COMMENTS));
    assertTrue(
        e.problem().contains("the name says xz but the data is not compressed"), e.problem());
    Path fakeBz2 = write("Sources.bz2", TWO_STANZAS);
    assertTrue(
        assertThrows(InputException.class, () -> ControlFileReader.readAll(fakeBz2, NO_COMMENTS))
            .problem()
            .contains("the name says bzip2 but the data is not compressed"));
    // lzma (the .lzma format, not xz) is recognized by commons-compress and refused by name.
    Path lzma = dir.resolve("Sources.lzma");
    Files.write(lzma, compress(CompressorStreamFactory.LZMA, TWO_STANZAS));
    assertTrue(
        assertThrows(InputException.class, () -> ControlFileReader.readAll(lzma, NO_COMMENTS))
            .problem()
            .contains("lzma data is not supported"));
  }

  @Test
  void compression_bzip2AndZstd_areReadSinceCommonsCompress() throws IOException {
    // Issue 15 item 6: commons-compress decodes bzip2 and zstd (zstd-jni) besides gzip and xz.
    for (String[] c :
        new String[][] {
          {CompressorStreamFactory.BZIP2, "Sources.bz2", "bzip2"},
          {CompressorStreamFactory.ZSTANDARD, "Sources.zst", "zstd"},
          {CompressorStreamFactory.GZIP, "Sources.gz", "gzip"},
          {CompressorStreamFactory.XZ, "Sources.xz", "xz"}
        }) {
      Path f = dir.resolve(c[1]);
      Files.write(f, compress(c[0], TWO_STANZAS));
      assertEquals(2, ControlFileReader.readAll(f, NO_COMMENTS).size(), c[1]);
      try (ControlFileReader r = ControlFileReader.open(f, NO_COMMENTS, Set.of("Package"))) {
        while (r.next() != null) {
          // read to the end
        }
        assertEquals(c[2], r.compression(), c[1]);
      }
    }
  }

  @Test
  void compression_truncatedBzip2_isAnErrorNamingTheFile() throws IOException {
    byte[] whole = compress(CompressorStreamFactory.BZIP2, TWO_STANZAS.repeat(50));
    Path cut = dir.resolve("Sources.bz2");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    InputException e =
        assertThrows(InputException.class, () -> ControlFileReader.readAll(cut, NO_COMMENTS));
    assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    assertTrue(e.problem().contains("truncated or corrupt bzip2 data"), e.problem());
  }

  static byte[] compress(String codec, String text) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out =
        new CompressorStreamFactory().createCompressorOutputStream(codec, bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (org.apache.commons.compress.compressors.CompressorException e) {
      throw new IOException(e);
    }
    return bytes.toByteArray();
  }

  @Test
  void compression_gzipDataNamedXz_isReadByItsMagicBytes() throws IOException {
    // Issue 17: refused before; the magic bytes decide between the two compressions.
    Path gzNamedXz = dir.resolve("Packages.xz");
    Files.write(gzNamedXz, gz(TWO_STANZAS.getBytes(StandardCharsets.UTF_8)));
    assertEquals(2, ControlFileReader.readAll(gzNamedXz, NO_COMMENTS).size());
    Path xzNamedGz = dir.resolve("Packages.gz");
    Files.write(xzNamedGz, xz(TWO_STANZAS.getBytes(StandardCharsets.UTF_8)));
    assertEquals(2, ControlFileReader.readAll(xzNamedGz, NO_COMMENTS).size());
  }

  @Test
  void truncatedXz_isAnErrorNamingTheFile() throws IOException {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      big.append("Package: p").append(i).append("\nVersion: 1.").append(i).append("\n\n");
    }
    byte[] full = xz(big.toString().getBytes(StandardCharsets.UTF_8));
    Path cut = dir.resolve("Sources.xz");
    Files.write(cut, Arrays.copyOf(full, full.length / 2));
    InputException e =
        assertThrows(InputException.class, () -> ControlFileReader.readAll(cut, NO_COMMENTS));
    assertEquals(cut.toString(), e.source());
    assertTrue(e.problem().startsWith("truncated or corrupt xz data"), e.problem());
    // Cut before the reader has a whole line: no "after line 0".
    assertFalse(e.getMessage().contains("line 0"), e.getMessage());
    assertTrue(
        e.getMessage().startsWith(cut + ": truncated")
            || e.getMessage().startsWith(cut + ":after line "),
        e.getMessage());

    Path cutGz = dir.resolve("Sources.gz");
    byte[] gz = gz(big.toString().getBytes(StandardCharsets.UTF_8));
    Files.write(cutGz, Arrays.copyOf(gz, gz.length - 10));
    assertTrue(
        assertThrows(InputException.class, () -> ControlFileReader.readAll(cutGz, NO_COMMENTS))
            .problem()
            .startsWith("truncated or corrupt gzip data"));
  }

  @Test
  void missingFile_isAnInputError() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> ControlFileReader.readAll(dir.resolve("nope"), NO_COMMENTS));
    assertEquals("no such file", e.problem());
  }

  @Test
  void sha256_isOfTheStoredBytes() throws Exception {
    byte[] data = xz(TWO_STANZAS.getBytes(StandardCharsets.UTF_8));
    Path p = dir.resolve("Sources.xz");
    Files.write(p, data);
    try (ControlFileReader r = ControlFileReader.open(p, NO_COMMENTS, Set.of("Package"))) {
      assertThrows(IllegalStateException.class, r::sha256);
      assertEquals("hello", r.next().get("Package"));
      ControlStanza at = r.next();
      assertNull(at.get("Files"), "only the kept fields are stored");
      assertEquals("at", at.get("package"));
      assertNull(r.next());
      assertNull(r.next());
      assertEquals(2, r.stanzaCount());
      String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
      assertEquals(expected, r.sha256());
    }
  }

  static byte[] xz(byte[] data) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new XZOutputStream(bytes, new LZMA2Options())) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  static byte[] gz(byte[] data) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}
