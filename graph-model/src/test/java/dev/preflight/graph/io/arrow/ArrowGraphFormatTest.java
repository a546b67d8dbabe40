package dev.preflight.graph.io.arrow;

import static dev.preflight.graph.testing.GraphAssertions.assertSameGraph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.graph.io.SampleGraphs;
import dev.preflight.graph.io.arrow.ArrowGraphFormat.Compression;
import dev.preflight.graph.testing.Graphs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class ArrowGraphFormatTest {
  private static final Map<String, String> PREFLIGHT_V1 =
      Map.of("format", "preflight-graph", "formatVersion", "1");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTrip_richGraph_isIdentical(Compression compression) {
    PackageGraph g = SampleGraphs.rich();
    Path f = dir.resolve("g.arrow");
    ArrowGraphFormat.write(g, f, compression);
    assertSameGraph(g, GraphFormat.load(f, null, Progress.NONE));
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTrip_randomGraphs_areIdentical(Compression compression) {
    for (long seed = 1; seed <= 12; seed++) {
      PackageGraph g = Graphs.random((int) (seed * 37 % 300), 2.5, seed % 2 == 0, seed);
      Path f = dir.resolve("r" + seed + ".arrow");
      ArrowGraphFormat.write(g, f, compression);
      assertSameGraph(g, ArrowGraphFormat.read(f, Progress.NONE));
    }
    PackageGraph nix = SampleGraphs.nixLike(3000, 7.5, 42);
    Path f = dir.resolve("nix.arrow");
    ArrowGraphFormat.write(nix, f, compression);
    assertSameGraph(nix, ArrowGraphFormat.read(f, Progress.NONE));
  }

  @Test
  void roundTrip_manySmallBatches_isIdenticalAndReportsEachBatch() throws IOException {
    PackageGraph g = SampleGraphs.nixLike(1000, 5, 3);
    Path f = dir.resolve("batches.arrow");
    ArrowGraphWriter.writeTo(g, f, Compression.ZSTD.codec, 7);
    List<String> events = new ArrayList<>();
    Progress recording =
        new Progress() {
          @Override
          public void start(String task, long total) {
            events.add("start " + total);
          }

          @Override
          public void advance(long delta) {
            events.add("advance " + delta);
          }

          @Override
          public void done() {
            events.add("done");
          }
        };
    assertSameGraph(g, ArrowGraphFormat.read(f, recording));
    int batches = (1000 + 6) / 7;
    assertEquals("start " + batches, events.get(0));
    assertEquals(batches + 2, events.size());
    assertEquals("done", events.get(events.size() - 1));

    PackageGraph rich = SampleGraphs.rich();
    ArrowGraphWriter.writeTo(rich, f, Compression.NONE.codec, 2);
    assertSameGraph(rich, ArrowGraphFormat.read(f, Progress.NONE));
  }

  @Test
  void read_lz4FileAsOtherToolsWriteIt_isIdentical() throws IOException {
    PackageGraph g = SampleGraphs.rich();
    Path f = dir.resolve("lz4.arrow");
    ArrowGraphWriter.writeTo(g, f, CompressionUtil.CodecType.LZ4_FRAME, 4);
    assertSameGraph(g, ArrowGraphFormat.read(f, Progress.NONE));
  }

  @Test
  void roundTrip_emptyAndSingleNodeGraphs_areIdentical() {
    for (PackageGraph g : List.of(Graphs.graph(""), Graphs.graph("a"), Graphs.graph("a->b"))) {
      Path f = dir.resolve("small.arrow");
      GraphFormat.ARROW.write(g, f);
      assertSameGraph(g, GraphFormat.ARROW.read(f, Progress.NONE));
    }
  }

  @Test
  void write_sameGraph_givesByteIdenticalFiles() throws IOException {
    for (Compression c : Compression.values()) {
      for (PackageGraph g : List.of(SampleGraphs.rich(), SampleGraphs.nixLike(2000, 7.5, 9))) {
        Path a = dir.resolve("a.arrow");
        Path b = dir.resolve("b.arrow");
        ArrowGraphFormat.write(g, a, c);
        // A different graph in between, so reused buffers would hold other bytes.
        ArrowGraphFormat.write(SampleGraphs.nixLike(500, 3, 1), b, c);
        ArrowGraphFormat.write(g, b, c);
        assertEquals(-1, Files.mismatch(a, b), "files differ for " + c);
      }
    }
  }

  @Test
  void graphFormatArrow_writesZstd_andIsChosenByExtension() throws IOException {
    PackageGraph g = SampleGraphs.nixLike(2000, 7.5, 5);
    Path viaEnum = dir.resolve("enum.arrow");
    Path zstd = dir.resolve("zstd.arrow");
    Path plain = dir.resolve("plain.arrow");
    GraphFormat.ARROW.write(g, viaEnum);
    ArrowGraphFormat.write(g, zstd, Compression.ZSTD);
    ArrowGraphFormat.write(g, plain, Compression.NONE);
    assertEquals(-1, Files.mismatch(viaEnum, zstd));
    assertTrue(
        Files.size(zstd) < Files.size(plain) / 2,
        Files.size(zstd) + " vs uncompressed " + Files.size(plain));
    assertEquals(GraphFormat.ARROW, GraphFormat.forPath(Path.of("x/G.Arrow")));
    assertEquals(GraphFormat.ARROW, GraphFormat.byName("arrow"));
  }

  @Test
  void read_truncatedFile_namesFileAndFooter() throws IOException {
    Path whole = dir.resolve("whole.arrow");
    ArrowGraphFormat.write(SampleGraphs.nixLike(2000, 7.5, 5), whole, Compression.ZSTD);
    byte[] bytes = Files.readAllBytes(whole);
    for (int cut : new int[] {bytes.length / 2, bytes.length - 1, 8}) {
      Path f = dir.resolve("cut" + cut + ".arrow");
      Files.write(f, Arrays.copyOf(bytes, cut));
      InputException e =
          assertThrows(InputException.class, () -> GraphFormat.load(f, null, Progress.NONE));
      assertTrue(
          e.getMessage()
              .startsWith(f + ":footer: truncated Arrow IPC file: it starts with ARROW1 but"),
          e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void read_corruptRecordBatch_namesFileAndBatchOrNode(Compression compression) throws IOException {
    Path whole = dir.resolve("whole.arrow");
    ArrowGraphFormat.write(SampleGraphs.nixLike(2000, 7.5, 5), whole, compression);
    byte[] bytes = Files.readAllBytes(whole);
    for (int part = 2; part <= 6; part++) {
      // Overwrite a stretch inside the batch body: offsets and lengths become nonsense. Arrow
      // leaks buffers on some of these; the InputException must still be what surfaces.
      byte[] broken = bytes.clone();
      int from = bytes.length * (part - 1) / 7;
      Arrays.fill(broken, from, from + 300, (byte) 0x7f);
      Path f = dir.resolve("corrupt" + part + ".arrow");
      Files.write(f, broken);
      InputException e =
          assertThrows(InputException.class, () -> GraphFormat.load(f, null, Progress.NONE));
      assertTrue(
          e.getMessage().startsWith(f + ":record batch 1 of 1")
              || e.getMessage().startsWith(f + ":node #")
              || e.getMessage().startsWith(f + ":footer: corrupt")
              || e.getMessage().startsWith(f + ":checksum: corrupt Arrow IPC file"),
          e.getMessage());
    }
  }

  @Test
  void read_flippedByteInAString_isCaughtByTheContentHash() throws IOException {
    PackageGraph g = SampleGraphs.nixLike(200, 3, 8);
    Path f = dir.resolve("flip.arrow");
    ArrowGraphFormat.write(g, f, Compression.NONE);
    byte[] bytes = Files.readAllBytes(f);
    byte[] id = g.id(100).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = indexOf(bytes, id);
    assertTrue(at > 0);
    bytes[at + id.length - 5] ^= 1; // one byte of one id: still valid UTF-8, still unique
    Files.write(f, bytes);
    InputException e =
        assertThrows(InputException.class, () -> ArrowGraphFormat.read(f, Progress.NONE));
    assertEquals(
        f
            + ":checksum: corrupt Arrow IPC file: the content does not match the contentHash"
            + " written with it",
        e.getMessage());
  }

  @Test
  void contentHash_differsWhenAnythingDiffers() {
    PackageGraph g = Graphs.graph("a->b, c");
    long h = g.contentHash();
    assertEquals(h, (Graphs.graph("a->b, c").contentHash()));
    for (String other :
        List.of("a->c, b", "a->b, c@aarch64-linux", "a, b, c", "a->b, d", "b->a, c")) {
      assertTrue(h != (Graphs.graph(other).contentHash()), other);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (haystack[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void read_randomBytesAndEmptyFile_areNotArrow() throws IOException {
    byte[] noise = new byte[10_000];
    new SplittableRandom(7).nextBytes(noise);
    Path f = dir.resolve("noise.arrow");
    Files.write(f, noise);
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.load(f, null, Progress.NONE));
    assertEquals(f + ": not an Arrow IPC file (it does not start with ARROW1)", e.getMessage());
    Path empty = dir.resolve("empty.arrow");
    Files.write(empty, new byte[0]);
    e = assertThrows(InputException.class, () -> GraphFormat.load(empty, null, Progress.NONE));
    assertTrue(e.getMessage().startsWith(empty + ": not an Arrow IPC file"), e.getMessage());
  }

  @Test
  void read_arrowStream_saysItIsAStream() throws IOException {
    Path f = dir.resolve("stream.arrow");
    Schema schema = new Schema(List.of(utf8("id")), PREFLIGHT_V1);
    try (RootAllocator a = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ArrowStreamWriter w = new ArrowStreamWriter(root, null, ch)) {
      root.setRowCount(0);
      w.start();
      w.writeBatch();
      w.end();
    }
    InputException e =
        assertThrows(InputException.class, () -> ArrowGraphFormat.read(f, Progress.NONE));
    assertTrue(e.getMessage().contains("this is an Arrow IPC stream"), e.getMessage());
  }

  @Test
  void read_arrowFileWithoutPreflightMetadata_isNotAGraph() throws IOException {
    Path f = dir.resolve("other.arrow");
    writeForeign(f, Map.of(), new String[] {"a"}, null, null, new int[][] {{}});
    InputException e =
        assertThrows(InputException.class, () -> ArrowGraphFormat.read(f, Progress.NONE));
    assertTrue(e.getMessage().startsWith(f + ":schema: an Arrow file, but not a Preflight graph"));
    assertTrue(e.getMessage().contains("[id, inputs]"), e.getMessage());
  }

  @Test
  void read_newerFormatVersion_isRejected() throws IOException {
    Path f = dir.resolve("v3.arrow");
    writeForeign(
        f,
        Map.of("format", "preflight-graph", "formatVersion", "3"),
        new String[] {"a"},
        null,
        null,
        new int[][] {{}});
    InputException e =
        assertThrows(InputException.class, () -> ArrowGraphFormat.read(f, Progress.NONE));
    assertTrue(e.getMessage().contains("unsupported formatVersion 3"), e.getMessage());
  }

  @Test
  void read_fileFromAnotherTool_withPlainStringColumns_isAccepted() throws IOException {
    // What pyarrow writes from a DataFrame: plain utf8 instead of dictionaries, Hydra status
    // words, nullable columns with nulls, columns missing, systems not sorted.
    Path f = dir.resolve("foreign.arrow");
    writeForeign(
        f,
        PREFLIGHT_V1,
        new String[] {"c@x86_64-linux", "b@aarch64-linux", "a@x86_64-linux"},
        new String[] {"x86_64-linux", null, "x86_64-linux"},
        new String[] {"success", "dependency-failed", null},
        new int[][] {{1, 2}, null, {}});
    PackageGraph g = ArrowGraphFormat.read(f, Progress.NONE);
    assertEquals(3, g.nodeCount());
    assertEquals(List.of("", "x86_64-linux"), g.systems());
    assertEquals("", g.system(1));
    assertEquals(NodeStatus.GREEN, g.lastStatus(0));
    assertEquals(NodeStatus.RED, g.lastStatus(1));
    assertEquals(NodeStatus.UNKNOWN, g.lastStatus(2));
    assertArrayEquals(new int[] {1, 2}, g.inputsOf(0));
    assertArrayEquals(new int[] {0}, g.dependentsOf(2));
    assertEquals("a@x86_64-linux", g.name(2), "name defaults to the id");
    assertTrue(Double.isNaN(g.buildSeconds(0)));
    assertEquals(-1, g.sizeBytes(0));
  }

  @Test
  void read_absurdSizingHints_areCappedByTheFileSize() throws IOException {
    Path f = dir.resolve("hints.arrow");
    writeForeign(
        f,
        Map.of(
            "format", "preflight-graph",
            "formatVersion", "1",
            "nodeCount", "2000000000",
            "edgeCount", "2000000000"),
        new String[] {"a", "b"},
        null,
        null,
        new int[][] {{1}, {}});
    PackageGraph g = ArrowGraphFormat.read(f, Progress.NONE);
    assertEquals(2, g.nodeCount());
    assertEquals(1, g.edgeCount());
  }

  @Test
  void read_unsortedInputs_namesFileAndNode() throws IOException {
    Path f = dir.resolve("unsorted.arrow");
    writeForeign(
        f, PREFLIGHT_V1, new String[] {"a", "b", "c"}, null, null, new int[][] {{2, 1}, {}, {}});
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.load(f, null, Progress.NONE));
    assertEquals(f + ":node #1: inputs of node 'a' are not sorted and distinct", e.getMessage());
  }

  @Test
  void read_badInputs_areRejectedNamingTheNode() throws IOException {
    Path f = dir.resolve("bad.arrow");
    writeForeign(f, PREFLIGHT_V1, new String[] {"a", "b"}, null, null, new int[][] {{}, {5}});
    InputException e =
        assertThrows(InputException.class, () -> ArrowGraphFormat.read(f, Progress.NONE));
    assertEquals(f + ":node #2: node 'b' has input #5, outside 0..1", e.getMessage());
    writeForeign(f, PREFLIGHT_V1, new String[] {"a", "b"}, null, null, new int[][] {{}, {1}});
    e = assertThrows(InputException.class, () -> ArrowGraphFormat.read(f, Progress.NONE));
    assertEquals(f + ":node #2: node 'b' lists itself as an input", e.getMessage());
    writeForeign(f, PREFLIGHT_V1, new String[] {"a", "a"}, null, null, new int[][] {{}, {}});
    e = assertThrows(InputException.class, () -> ArrowGraphFormat.read(f, Progress.NONE));
    assertEquals(f + ":node #2: duplicate node id 'a' (first at node #1)", e.getMessage());
    writeForeign(
        f, PREFLIGHT_V1, new String[] {"a"}, null, new String[] {"purple"}, new int[][] {{}});
    e = assertThrows(InputException.class, () -> ArrowGraphFormat.read(f, Progress.NONE));
    assertTrue(
        e.getMessage().startsWith(f + ":node #1: column 'lastStatus': unknown status 'purple'"),
        e.getMessage());
  }

  @Test
  void compression_byName_listsKnownOnes() {
    assertEquals(Compression.ZSTD, Compression.byName("zstd"));
    assertEquals(Compression.NONE, Compression.byName("NONE"));
    InputException e = assertThrows(InputException.class, () -> Compression.byName("gzip"));
    assertTrue(e.getMessage().contains("known: none, zstd"), e.getMessage());
  }

  @Test
  void shortestDouble_narrowsBackToTheSameFloat() {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      float f = (float) r.nextDouble();
      assertEquals(f, (float) GraphFormat.shortestDouble(f));
    }
    assertEquals(0.9, GraphFormat.shortestDouble(0.9f));
  }

  private static Field utf8(String name) {
    return new Field(name, FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
  }

  /** An Arrow file as another tool might write it: plain utf8 columns, nulls allowed. */
  private static void writeForeign(
      Path f,
      Map<String, String> metadata,
      String[] ids,
      String[] systems,
      String[] statuses,
      int[][] inputs)
      throws IOException {
    List<Field> fields = new ArrayList<>();
    fields.add(utf8("id"));
    if (systems != null) {
      fields.add(utf8("system"));
    }
    if (statuses != null) {
      fields.add(utf8("lastStatus"));
    }
    fields.add(
        new Field(
            "inputs",
            FieldType.nullable(ArrowType.List.INSTANCE),
            List.of(new Field("item", FieldType.nullable(new ArrowType.Int(32, true)), null))));
    Schema schema = new Schema(fields, metadata);
    Files.deleteIfExists(f);
    try (RootAllocator a = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
      root.allocateNew();
      fillStrings((VarCharVector) root.getVector("id"), ids);
      if (systems != null) {
        fillStrings((VarCharVector) root.getVector("system"), systems);
      }
      if (statuses != null) {
        fillStrings((VarCharVector) root.getVector("lastStatus"), statuses);
      }
      ListVector list = (ListVector) root.getVector("inputs");
      IntVector items = (IntVector) list.getDataVector();
      int total = 0;
      for (int i = 0; i < inputs.length; i++) {
        if (inputs[i] == null) {
          list.setNull(i);
          continue;
        }
        int start = list.startNewValue(i);
        for (int k = 0; k < inputs[i].length; k++) {
          items.setSafe(start + k, inputs[i][k]);
        }
        list.endValue(i, inputs[i].length);
        total = start + inputs[i].length;
      }
      items.setValueCount(total);
      list.setValueCount(inputs.length);
      root.setRowCount(ids.length);
      w.start();
      w.writeBatch();
      w.end();
    }
  }

  private static void fillStrings(VarCharVector v, String[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        v.setNull(i);
      } else {
        v.setSafe(i, values[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    v.setValueCount(values.length);
  }
}
