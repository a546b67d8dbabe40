package dev.preflight.graph.io.arrow;

import static dev.preflight.graph.testing.GraphAssertions.assertSameGraph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.io.SampleGraphs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.BaseListVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.MetadataVersion;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * The FlatBuffers-only reader ({@link IpcFile}) against files Arrow Java writes (Arrow Java is the
 * independent implementation of the format here): Preflight's own files in both compressions are
 * covered by {@code ArrowGraphFormatTest}'s round trips; these are the files other tools write,
 * with columns of every type Preflight does not read placed between the ones it does, in several
 * batches, compressed or not, in the current and the pre-0.15 ("legacy", no continuation marker)
 * message framing. Skipping a column means counting its buffers and field nodes right; one count
 * wrong shifts every later column, which the graph's own columns then show.
 */
final class IpcFileTest {
  private static final Map<String, String> PREFLIGHT_V1 =
      Map.of("format", "preflight-graph", "formatVersion", "1");

  @Test
  void read_foreignFileWithColumnsOfEveryOtherType_readsTheGraphColumns() throws IOException {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 12; trial++) {
      int rows = 1 + random.nextInt(300);
      int batches = 1 + random.nextInt(3);
      boolean legacy = random.nextBoolean();
      CompressionUtil.CodecType codec =
          switch (trial % 3) {
            case 0 -> CompressionUtil.CodecType.NO_COMPRESSION;
            case 1 -> CompressionUtil.CodecType.ZSTD;
            default -> CompressionUtil.CodecType.LZ4_FRAME;
          };
      Foreign f = foreign(random, rows, batches, legacy, codec);
      PackageGraph g = ArrowGraphFormat.fromBytes(f.bytes, "wide.arrow");
      String context = "trial " + trial + " (" + codec + (legacy ? ", legacy" : "") + ")";
      assertEquals(rows * batches, g.nodeCount(), context);
      for (int v = 0; v < g.nodeCount(); v++) {
        assertEquals(f.ids.get(v), g.id(v), context);
        assertEquals(f.systems.get(v), g.system(v), context + " node " + v);
        assertArrayEquals(f.inputs.get(v), g.inputsOf(v), context + " node " + v);
        assertEquals(f.seconds.get(v), g.buildSeconds(v), 0.0, context + " node " + v);
      }
    }
  }

  @Test
  void fromBytes_preflightFiles_equalTheGraphWritten() {
    for (ArrowGraphFormat.Compression c : ArrowGraphFormat.Compression.values()) {
      PackageGraph g = SampleGraphs.nixLike(2_000, 6, 11);
      assertSameGraph(g, ArrowGraphFormat.fromBytes(ArrowGraphFormat.toBytes(g, c), "x"));
    }
  }

  @Test
  void read_deltaDictionary_isRefusedNamingIt() throws IOException {
    // Arrow Java's file writer does not write delta dictionaries, so the flag is set in the bytes:
    // the first single-bit change of the file that the reader reads as a delta dictionary.
    Foreign f =
        foreign(new SplittableRandom(1), 4, 1, false, CompressionUtil.CodecType.NO_COMPRESSION);
    assertEquals(4, ArrowGraphFormat.fromBytes(f.bytes, "ok").nodeCount());
    InputException e =
        assertThrows(
            InputException.class,
            () -> ArrowGraphFormat.fromBytes(withDeltaFlag(f.bytes), "delta.arrow"));
    assertTrue(
        e.getMessage().matches("delta\\.arrow:dictionary \\d of 2: delta dictionaries.*"),
        e.getMessage());
  }

  private static byte[] withDeltaFlag(byte[] bytes) {
    byte[] b = bytes.clone();
    for (int i = 8; i < b.length / 2; i++) {
      b[i] ^= (byte) 0x01;
      try {
        ArrowGraphFormat.fromBytes(b, "delta.arrow");
      } catch (InputException expected) {
        if (expected.getMessage().contains("delta dictionaries are not supported")) {
          return b;
        }
      }
      b[i] ^= (byte) 0x01;
    }
    throw new AssertionError("no single bit of the dictionary message makes it a delta");
  }

  private record Foreign(
      byte[] bytes,
      List<String> ids,
      List<String> systems,
      List<int[]> inputs,
      List<Double> seconds) {}

  /**
   * A graph file with Preflight's columns (id, system as a dictionary with int16 indexes,
   * buildSeconds, inputs) between extra columns of many other types, filled with random values and
   * nulls.
   */
  private static Foreign foreign(
      SplittableRandom random,
      int rows,
      int batches,
      boolean legacy,
      CompressionUtil.CodecType codec)
      throws IOException {
    ArrowType int32 = new ArrowType.Int(32, true);
    DictionaryEncoding systemEncoding =
        new DictionaryEncoding(0, false, new ArrowType.Int(16, true));
    DictionaryEncoding extraEncoding = new DictionaryEncoding(1, false, new ArrowType.Int(8, true));
    List<Field> fields =
        List.of(
            new Field(
                "extraStruct",
                FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(
                    new Field("a", FieldType.nullable(int32), null),
                    new Field("b", FieldType.nullable(ArrowType.Utf8.INSTANCE), null))),
            new Field("id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("extraNull", FieldType.nullable(ArrowType.Null.INSTANCE), null),
            new Field(
                "extraTimestamp",
                FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
                null),
            new Field(
                "system", new FieldType(false, new ArrowType.Int(16, true), systemEncoding), null),
            new Field("extraLargeUtf8", FieldType.nullable(ArrowType.LargeUtf8.INSTANCE), null),
            new Field("extraBinary", FieldType.nullable(ArrowType.Binary.INSTANCE), null),
            new Field(
                "extraFixedList",
                FieldType.nullable(new ArrowType.FixedSizeList(2)),
                List.of(
                    new Field(
                        "item",
                        FieldType.nullable(
                            new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                        null))),
            new Field(
                "buildSeconds",
                FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                null),
            new Field("extraDecimal", FieldType.nullable(new ArrowType.Decimal(10, 2, 128)), null),
            new Field(
                "extraDictionary",
                new FieldType(true, new ArrowType.Int(8, true), extraEncoding),
                null),
            new Field(
                "extraLargeList",
                FieldType.nullable(ArrowType.LargeList.INSTANCE),
                List.of(new Field("item", FieldType.nullable(int32), null))),
            new Field(
                "inputs",
                FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(new Field("item", FieldType.notNullable(int32), null))),
            new Field(
                "extraListOfStruct",
                FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(
                    new Field(
                        "item",
                        FieldType.nullable(ArrowType.Struct.INSTANCE),
                        List.of(new Field("x", FieldType.nullable(int32), null))))),
            new Field("extraBool", FieldType.nullable(ArrowType.Bool.INSTANCE), null),
            new Field("extraDate", FieldType.nullable(new ArrowType.Date(DateUnit.DAY)), null),
            new Field(
                "extraFixedBinary", FieldType.nullable(new ArrowType.FixedSizeBinary(3)), null));
    Schema schema = new Schema(fields, PREFLIGHT_V1);
    List<String> ids = new ArrayList<>();
    List<String> systems = new ArrayList<>();
    List<int[]> inputs = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    String[] systemWords = {"x86_64-linux", "aarch64-linux", "i686-linux"};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BufferAllocator a = new RootAllocator();
        VarCharVector systemDict = dictionary(a, "systems", systemWords);
        VarCharVector extraDict = dictionary(a, "extra", new String[] {"p", "q"});
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, a)) {
      DictionaryProvider.MapDictionaryProvider provider =
          new DictionaryProvider.MapDictionaryProvider(
              new Dictionary(systemDict, systemEncoding), new Dictionary(extraDict, extraEncoding));
      IpcOption option = legacy ? new IpcOption(true, MetadataVersion.V4) : IpcOption.DEFAULT;
      try (ArrowFileWriter w =
          new ArrowFileWriter(
              root,
              provider,
              Channels.newChannel(out),
              Map.of(),
              option,
              codec == CompressionUtil.CodecType.NO_COMPRESSION
                  ? org.apache.arrow.vector.compression.NoCompressionCodec.Factory.INSTANCE
                  : CommonsCompressionFactory.INSTANCE,
              codec)) {
        w.start();
        for (int b = 0; b < batches; b++) {
          root.allocateNew();
          int base = b * rows;
          for (int r = 0; r < rows; r++) {
            String id = "p" + (base + r) + "@" + r % 3;
            ids.add(id);
            ((VarCharVector) root.getVector("id")).setSafe(r, id.getBytes(StandardCharsets.UTF_8));
            int s = random.nextInt(systemWords.length);
            systems.add(systemWords[s]);
            ((SmallIntVector) root.getVector("system")).setSafe(r, s);
            double sec = random.nextInt(4) == 0 ? Double.NaN : random.nextInt(10_000) / 8.0;
            seconds.add(sec);
            if (Double.isNaN(sec)) {
              ((org.apache.arrow.vector.Float8Vector) root.getVector("buildSeconds")).setNull(r);
            } else {
              ((org.apache.arrow.vector.Float8Vector) root.getVector("buildSeconds"))
                  .setSafe(r, sec);
            }
          }
          ((VarCharVector) root.getVector("id")).setValueCount(rows);
          ((SmallIntVector) root.getVector("system")).setValueCount(rows);
          root.getVector("buildSeconds").setValueCount(rows);
          fillInputs((ListVector) root.getVector("inputs"), random, base, rows, inputs);
          for (FieldVector v : root.getFieldVectors()) {
            if (v.getName().startsWith("extra")) {
              fillRandom(v, random, rows);
            }
          }
          root.setRowCount(rows);
          w.writeBatch();
        }
        w.end();
      }
    }
    return new Foreign(out.toByteArray(), ids, systems, inputs, seconds);
  }

  private static VarCharVector dictionary(BufferAllocator a, String name, String[] words) {
    VarCharVector v = new VarCharVector(name, a);
    v.allocateNew();
    for (int i = 0; i < words.length; i++) {
      v.setSafe(i, words[i].getBytes(StandardCharsets.UTF_8));
    }
    v.setValueCount(words.length);
    return v;
  }

  /** Inputs pointing only at earlier nodes (sorted, distinct), some lists null. */
  private static void fillInputs(
      ListVector list, SplittableRandom random, int base, int rows, List<int[]> inputs) {
    IntVector items = (IntVector) list.getDataVector();
    int total = 0;
    for (int r = 0; r < rows; r++) {
      int node = base + r;
      if (node == 0 || random.nextInt(5) == 0) {
        if (random.nextBoolean()) {
          list.setNull(r);
        } else {
          list.endValue(r, 0);
          list.startNewValue(r);
          list.endValue(r, 0);
        }
        inputs.add(new int[0]);
        continue;
      }
      java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
      int k = 1 + random.nextInt(Math.min(node, 4));
      while (set.size() < k) {
        set.add(random.nextInt(node));
      }
      int[] in = set.stream().mapToInt(Integer::intValue).toArray();
      int start = list.startNewValue(r);
      for (int i = 0; i < in.length; i++) {
        items.setSafe(start + i, in[i]);
      }
      list.endValue(r, in.length);
      total = start + in.length;
      inputs.add(in);
    }
    items.setValueCount(total);
    list.setValueCount(rows);
  }

  /** Random values and nulls for a column Preflight does not read, whatever its type. */
  private static void fillRandom(FieldVector v, SplittableRandom random, int rows) {
    if (v instanceof NullVector n) {
      n.setValueCount(rows);
    } else if (v instanceof BitVector b) {
      for (int r = 0; r < rows; r++) {
        b.setSafe(r, random.nextInt(3) == 0 ? 0 : 1, random.nextInt(2));
      }
      b.setValueCount(rows);
    } else if (v instanceof BaseFixedWidthVector f) {
      while (f.getValueCapacity() < rows) {
        f.reAlloc();
      }
      for (int r = 0; r < rows; r++) {
        BitVectorHelper.setValidityBit(f.getValidityBuffer(), r, random.nextInt(4) == 0 ? 0 : 1);
        for (int k = 0; k < f.getTypeWidth(); k++) {
          f.getDataBuffer().setByte((long) r * f.getTypeWidth() + k, random.nextInt(256));
        }
      }
      if (v.getField().getDictionary() != null) {
        for (int r = 0; r < rows; r++) {
          f.getDataBuffer().setByte(r, random.nextInt(2)); // a valid index into {p, q}
        }
      }
      f.setValueCount(rows);
    } else if (v instanceof BaseVariableWidthVector w) {
      for (int r = 0; r < rows; r++) {
        if (random.nextInt(4) == 0) {
          w.setNull(r);
        } else {
          byte[] bytes = new byte[random.nextInt(12)];
          for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) ('a' + random.nextInt(26));
          }
          w.setSafe(r, bytes);
        }
      }
      w.setValueCount(rows);
    } else if (v instanceof LargeVarCharVector w) {
      for (int r = 0; r < rows; r++) {
        w.setSafe(r, ("L" + random.nextInt(1000)).getBytes(StandardCharsets.UTF_8));
      }
      w.setValueCount(rows);
    } else if (v instanceof StructVector s) {
      for (FieldVector c : s.getChildrenFromFields()) {
        fillRandom(c, random, rows);
      }
      for (int r = 0; r < rows; r++) {
        if (random.nextInt(5) == 0) {
          s.setNull(r);
        } else {
          s.setIndexDefined(r);
        }
      }
      s.setValueCount(rows);
    } else if (v instanceof FixedSizeListVector l) {
      fillRandom((FieldVector) l.getDataVector(), random, rows * l.getListSize());
      for (int r = 0; r < rows; r++) {
        if (random.nextInt(5) == 0) {
          l.setNull(r);
        } else {
          l.setNotNull(r);
        }
      }
      l.setValueCount(rows);
    } else if (v instanceof LargeListVector l) {
      int total = 0;
      for (int r = 0; r < rows; r++) {
        long start = l.startNewValue(r);
        int k = random.nextInt(3);
        l.endValue(r, k);
        total = (int) start + k;
      }
      fillRandom((FieldVector) l.getDataVector(), random, total);
      l.setValueCount(rows);
    } else if (v instanceof ListVector l) {
      int total = 0;
      for (int r = 0; r < rows; r++) {
        int start = l.startNewValue(r);
        int k = random.nextInt(3);
        l.endValue(r, k);
        total = start + k;
      }
      fillRandom((FieldVector) l.getDataVector(), random, total);
      l.setValueCount(rows);
    } else if (v instanceof BaseListVector) {
      throw new AssertionError("no filler for " + v.getClass());
    } else {
      throw new AssertionError("no filler for " + v.getClass());
    }
  }
}
