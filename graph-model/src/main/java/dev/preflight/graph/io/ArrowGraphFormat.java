package dev.preflight.graph.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.GraphMetadata;
import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeExtras;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Preflight's native binary graph: one Arrow IPC <em>file</em> (the random-access format, magic
 * {@code ARROW1}; not the {@code .arrows} stream format), readable by any Arrow implementation
 * ({@code pyarrow.ipc.open_file}, DuckDB, Polars).
 *
 * <p>Layout. An IPC file holds one schema, so the nodes table and the edges table share it: each
 * row is a node, and the {@code inputs} column, a {@code list<int32>}, is the edges table in CSR
 * form, which is exactly Arrow's list layout (an offsets buffer plus one child {@code int32} buffer
 * of input node indexes, 0-based row numbers across the whole file). Columns:
 *
 * <pre>
 *   id                    utf8, not null          unique key
 *   name                  utf8, not null
 *   version               utf8, not null          "" when unknown
 *   system                dictionary&lt;int16, utf8&gt;  dictionary sorted
 *   buildSeconds          float64, null = unknown
 *   lastStatus            dictionary&lt;int8, utf8&gt;   GREEN, RED, UNKNOWN
 *   channels              list&lt;utf8&gt;
 *   aliases               list&lt;utf8&gt;
 *   sizeBytes             int64, null = unknown
 *   unchangedProbability  float64, null = default
 *   inputs                list&lt;int32&gt;             sorted ascending, distinct, no self-loops
 *   binaries              list&lt;utf8&gt;              optional: Debian binary packages
 *   features              list&lt;utf8&gt;              optional: Nix requiredSystemFeatures
 *   fixedOutput           bool                    optional: Nix fixed-output derivation
 *   relation:NAME         list&lt;int32&gt;             optional, one per relation (binnmu, static)
 * </pre>
 *
 * The optional columns are written only when the graph has them (version 2; a version-1 file is
 * read as a graph without them).
 *
 * <p>Schema metadata: {@code format} = {@code preflight-graph}, {@code formatVersion} = {@value
 * #FORMAT_VERSION}, {@code source}, {@code selfLoopsDropped}, {@code duplicateEdgesMerged}, {@code
 * unresolved} (a JSON array of strings), {@code properties} (a JSON object of strings), the sizing
 * hints {@code nodeCount} and {@code edgeCount}, and {@code contentHash} (16 hex digits, see {@link
 * #contentHash}; checked when present, since Arrow IPC has no checksum of its own). Rows are
 * written in record batches of at most {@value #BATCH_ROWS} nodes; buffers are optionally
 * compressed with the IPC format's own body compression (ZSTD when writing; ZSTD or LZ4-frame when
 * reading).
 *
 * <p>Reading copies Arrow's buffers in bulk into the graph's primitive arrays and hands them to
 * {@link PackageGraphBuilder#fromColumns}, which validates them in one O(nodes + edges) pass
 * without sorting: no object per node other than its strings. For files written by other tools the
 * reader also accepts {@code system} and {@code lastStatus} as plain {@code utf8}, Hydra status
 * words, and missing optional columns (everything but {@code id} and {@code inputs}).
 *
 * <p>Every read and write uses its own {@link RootAllocator}, closed before returning; no Arrow
 * type escapes this class. Thread-safe (stateless). Output is deterministic: the same graph and
 * compression give byte-identical files.
 */
public final class ArrowGraphFormat {
  /** The layout version this code writes and reads. */
  public static final int FORMAT_VERSION = 2;

  /**
   * Layout versions this code reads: version 1 lacks the optional extra columns (binaries,
   * features, fixedOutput, relations), which is the same as a version-2 file without them.
   */
  static final java.util.Set<String> READABLE_VERSIONS = java.util.Set.of("1", "2");

  /** The {@code format} value in the schema metadata. */
  public static final String FORMAT_NAME = "preflight-graph";

  static final int BATCH_ROWS = 1 << 16;

  private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long SYSTEM_DICTIONARY_ID = 0;
  private static final long STATUS_DICTIONARY_ID = 1;

  static final String ID = "id";
  static final String NAME = "name";
  static final String VERSION = "version";
  static final String SYSTEM = "system";
  static final String BUILD_SECONDS = "buildSeconds";
  static final String LAST_STATUS = "lastStatus";
  static final String CHANNELS = "channels";
  static final String ALIASES = "aliases";
  static final String SIZE_BYTES = "sizeBytes";
  static final String UNCHANGED_PROBABILITY = "unchangedProbability";
  static final String INPUTS = "inputs";
  static final String BINARIES = "binaries";
  static final String FEATURES = "features";
  static final String FIXED_OUTPUT = "fixedOutput";
  static final String RELATION_PREFIX = "relation:";

  /**
   * Body compression of the record batches when writing. LZ4-frame files written by other tools are
   * read, but not offered for writing: Arrow Java compresses LZ4 through commons-compress, measured
   * ~100x slower than ZSTD here (27 s against 0.25 s for a 2,000-node graph).
   */
  public enum Compression {
    /** Uncompressed: about 3.5x larger than ZSTD. */
    NONE(CompressionUtil.CodecType.NO_COMPRESSION),
    /** Zstandard (native zstd-jni): the default, for files that are committed or shipped. */
    ZSTD(CompressionUtil.CodecType.ZSTD);

    private final CompressionUtil.CodecType codec;

    Compression(CompressionUtil.CodecType codec) {
      this.codec = codec;
    }

    /** The compression with this name (any case); an unknown name lists the known ones. */
    public static Compression byName(String name) {
      for (Compression c : values()) {
        if (c.name().equalsIgnoreCase(name)) {
          return c;
        }
      }
      throw dev.preflight.graph.Names.unknown(
          "Arrow compression", name, java.util.List.of("none", "zstd"));
    }
  }

  private ArrowGraphFormat() {}

  // ---------------------------------------------------------------- writing

  /** Writes {@code graph} to {@code file} atomically (temporary file and rename). */
  public static void write(PackageGraph graph, Path file, Compression compression) {
    AtomicFiles.write(file, tmp -> writeTo(graph, tmp, compression));
  }

  /** Writes {@code graph} to {@code file} directly (callers provide atomicity). */
  static void writeTo(PackageGraph g, Path file, Compression compression) throws IOException {
    writeTo(g, file, compression, BATCH_ROWS);
  }

  /** Like {@link #writeTo(PackageGraph, Path, Compression)} with batches of {@code batchRows}. */
  static void writeTo(PackageGraph g, Path file, Compression compression, int batchRows)
      throws IOException {
    writeTo(g, file, compression.codec, batchRows);
  }

  /** The writer behind the others; tests use it to write LZ4 files as other tools do. */
  static void writeTo(PackageGraph g, Path file, CompressionUtil.CodecType codec, int batchRows)
      throws IOException {
    Schema schema = schema(metadata(g), g.extras());
    try (BufferAllocator allocator = new RootAllocator();
        VarCharVector systems = dictionary("system", g.systems(), allocator);
        VarCharVector statuses = dictionary("lastStatus", statusWords(), allocator);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        FileChannel out =
            FileChannel.open(
                file,
                StandardOpenOption.WRITE,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
      DictionaryProvider.MapDictionaryProvider provider =
          new DictionaryProvider.MapDictionaryProvider();
      provider.put(new Dictionary(systems, systemEncoding()));
      provider.put(new Dictionary(statuses, statusEncoding()));
      try (ArrowFileWriter writer =
          new ArrowFileWriter(
              root,
              provider,
              out,
              Map.of(),
              IpcOption.DEFAULT,
              codec == CompressionUtil.CodecType.NO_COMPRESSION
                  ? NoCompressionCodec.Factory.INSTANCE
                  : CommonsCompressionFactory.INSTANCE,
              codec,
              Optional.empty())) {
        writer.start();
        int n = g.nodeCount();
        int from = 0;
        do {
          int to = Math.min(n, from + batchRows);
          fillBatch(g, root, from, to);
          writer.writeBatch();
          from = to;
        } while (from < n);
        writer.end();
      }
    }
  }

  private static void fillBatch(PackageGraph g, VectorSchemaRoot root, int from, int to) {
    int rows = to - from;
    root.clear();
    VarCharVector ids = (VarCharVector) root.getVector(ID);
    VarCharVector names = (VarCharVector) root.getVector(NAME);
    VarCharVector versions = (VarCharVector) root.getVector(VERSION);
    SmallIntVector systems = (SmallIntVector) root.getVector(SYSTEM);
    Float8Vector seconds = (Float8Vector) root.getVector(BUILD_SECONDS);
    TinyIntVector status = (TinyIntVector) root.getVector(LAST_STATUS);
    ListVector channels = (ListVector) root.getVector(CHANNELS);
    ListVector aliases = (ListVector) root.getVector(ALIASES);
    BigIntVector sizes = (BigIntVector) root.getVector(SIZE_BYTES);
    Float8Vector unchanged = (Float8Vector) root.getVector(UNCHANGED_PROBABILITY);
    ListVector inputs = (ListVector) root.getVector(INPUTS);
    for (FieldVector v : root.getFieldVectors()) {
      v.setInitialCapacity(Math.max(rows, 1));
      v.allocateNew();
    }
    fillExtras(g, root, from, to);
    VarCharVector channelItems = (VarCharVector) channels.getDataVector();
    VarCharVector aliasItems = (VarCharVector) aliases.getDataVector();
    IntVector inputItems = (IntVector) inputs.getDataVector();
    int channelCount = 0;
    int aliasCount = 0;
    int inputCount = 0;
    for (int v = from; v < to; v++) {
      int row = v - from;
      ids.setSafe(row, utf8(g.id(v)));
      names.setSafe(row, utf8(g.name(v)));
      versions.setSafe(row, utf8(g.version(v)));
      systems.setSafe(row, g.systemIndex(v));
      status.setSafe(row, g.lastStatus(v).ordinal());
      double s = g.buildSeconds(v);
      if (Double.isNaN(s)) {
        seconds.setNull(row);
      } else {
        seconds.setSafe(row, s);
      }
      long size = g.sizeBytes(v);
      if (size < 0) {
        sizes.setNull(row);
      } else {
        sizes.setSafe(row, size);
      }
      double p = g.unchangedProbability(v);
      if (Double.isNaN(p)) {
        unchanged.setNull(row);
      } else {
        unchanged.setSafe(row, shortestDouble((float) p));
      }
      int start = channels.startNewValue(row);
      List<String> cs = g.channels(v);
      for (int k = 0; k < cs.size(); k++) {
        channelItems.setSafe(start + k, utf8(cs.get(k)));
      }
      channels.endValue(row, cs.size());
      channelCount += cs.size();
      start = aliases.startNewValue(row);
      List<String> as = g.aliases(v);
      for (int k = 0; k < as.size(); k++) {
        aliasItems.setSafe(start + k, utf8(as.get(k)));
      }
      aliases.endValue(row, as.size());
      aliasCount += as.size();
      start = inputs.startNewValue(row);
      int degree = g.inputsEnd(v) - g.inputsStart(v);
      for (int k = 0; k < degree; k++) {
        inputItems.setSafe(start + k, g.input(g.inputsStart(v) + k));
      }
      inputs.endValue(row, degree);
      inputCount += degree;
    }
    channelItems.setValueCount(channelCount);
    aliasItems.setValueCount(aliasCount);
    inputItems.setValueCount(inputCount);
    for (FieldVector v : root.getFieldVectors()) {
      v.setValueCount(rows);
    }
    root.setRowCount(rows);
  }

  /** The optional columns of one batch: binaries, features, fixedOutput, relations. */
  private static void fillExtras(PackageGraph g, VectorSchemaRoot root, int from, int to) {
    NodeExtras x = g.extras();
    if (x.binaryOffsets() != null) {
      fillStrings(
          (ListVector) root.getVector(BINARIES), x.binaryOffsets(), x.binaryValues(), from, to);
    }
    if (x.featureOffsets() != null) {
      fillStrings(
          (ListVector) root.getVector(FEATURES), x.featureOffsets(), x.featureValues(), from, to);
    }
    if (x.fixedOutput() != null) {
      BitVector fixed = (BitVector) root.getVector(FIXED_OUTPUT);
      for (int v = from; v < to; v++) {
        fixed.setSafe(v - from, x.fixedOutput()[v] ? 1 : 0);
      }
    }
    for (Map.Entry<String, CsrGraph> e : x.relations().entrySet()) {
      ListVector list = (ListVector) root.getVector(RELATION_PREFIX + e.getKey());
      IntVector items = (IntVector) list.getDataVector();
      CsrGraph r = e.getValue();
      int count = 0;
      for (int v = from; v < to; v++) {
        int start = list.startNewValue(v - from);
        int degree = r.inputsEnd(v) - r.inputsStart(v);
        for (int k = 0; k < degree; k++) {
          items.setSafe(start + k, r.input(r.inputsStart(v) + k));
        }
        list.endValue(v - from, degree);
        count += degree;
      }
      items.setValueCount(count);
    }
  }

  private static void fillStrings(
      ListVector list, int[] offsets, String[] values, int from, int to) {
    VarCharVector items = (VarCharVector) list.getDataVector();
    int count = 0;
    for (int v = from; v < to; v++) {
      int start = list.startNewValue(v - from);
      int size = offsets[v + 1] - offsets[v];
      for (int k = 0; k < size; k++) {
        items.setSafe(start + k, utf8(values[offsets[v] + k]));
      }
      list.endValue(v - from, size);
      count += size;
    }
    items.setValueCount(count);
  }

  private static Schema schema(Map<String, String> metadata, NodeExtras extras) {
    ArrowType utf8 = ArrowType.Utf8.INSTANCE;
    ArrowType float64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    List<Field> fields =
        new ArrayList<>(
            List.of(
                new Field(ID, FieldType.notNullable(utf8), null),
                new Field(NAME, FieldType.notNullable(utf8), null),
                new Field(VERSION, FieldType.notNullable(utf8), null),
                new Field(
                    SYSTEM,
                    new FieldType(false, new ArrowType.Int(16, true), systemEncoding()),
                    null),
                new Field(BUILD_SECONDS, FieldType.nullable(float64), null),
                new Field(
                    LAST_STATUS,
                    new FieldType(false, new ArrowType.Int(8, true), statusEncoding()),
                    null),
                list(CHANNELS, utf8),
                list(ALIASES, utf8),
                new Field(SIZE_BYTES, FieldType.nullable(new ArrowType.Int(64, true)), null),
                new Field(UNCHANGED_PROBABILITY, FieldType.nullable(float64), null),
                list(INPUTS, new ArrowType.Int(32, true))));
    if (extras.binaryOffsets() != null) {
      fields.add(list(BINARIES, utf8));
    }
    if (extras.featureOffsets() != null) {
      fields.add(list(FEATURES, utf8));
    }
    if (extras.fixedOutput() != null) {
      fields.add(new Field(FIXED_OUTPUT, FieldType.notNullable(ArrowType.Bool.INSTANCE), null));
    }
    for (String relation : extras.relations().keySet()) {
      fields.add(list(RELATION_PREFIX + relation, new ArrowType.Int(32, true)));
    }
    return new Schema(fields, metadata);
  }

  private static Field list(String name, ArrowType item) {
    return new Field(
        name,
        FieldType.notNullable(ArrowType.List.INSTANCE),
        List.of(new Field("item", FieldType.notNullable(item), null)));
  }

  private static DictionaryEncoding systemEncoding() {
    return new DictionaryEncoding(SYSTEM_DICTIONARY_ID, false, new ArrowType.Int(16, true));
  }

  private static DictionaryEncoding statusEncoding() {
    return new DictionaryEncoding(STATUS_DICTIONARY_ID, false, new ArrowType.Int(8, true));
  }

  private static List<String> statusWords() {
    List<String> words = new ArrayList<>();
    for (NodeStatus s : NodeStatus.values()) {
      words.add(s.name());
    }
    return words;
  }

  private static VarCharVector dictionary(
      String name, List<String> values, BufferAllocator allocator) {
    VarCharVector v = new VarCharVector(name, allocator);
    v.allocateNew(Math.max(values.size(), 1));
    for (int i = 0; i < values.size(); i++) {
      v.setSafe(i, utf8(values.get(i)));
    }
    v.setValueCount(values.size());
    return v;
  }

  private static Map<String, String> metadata(PackageGraph g) {
    GraphMetadata m = g.metadata();
    Map<String, String> out = new LinkedHashMap<>();
    out.put("format", FORMAT_NAME);
    out.put("formatVersion", Integer.toString(FORMAT_VERSION));
    out.put("source", m.source());
    out.put("selfLoopsDropped", Long.toString(m.selfLoopsDropped()));
    out.put("duplicateEdgesMerged", Long.toString(m.duplicateEdgesMerged()));
    out.put("nodeCount", Integer.toString(g.nodeCount()));
    out.put("edgeCount", Integer.toString(g.edgeCount()));
    out.put("contentHash", hex(contentHash(g)));
    try {
      out.put("unresolved", MAPPER.writeValueAsString(m.unresolved()));
      out.put("properties", MAPPER.writeValueAsString(m.properties()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render graph metadata", e);
    }
    return out;
  }

  /**
   * A 64-bit hash of everything a graph holds (nodes, attributes, edges, metadata), in node order.
   * Arrow IPC has no checksum of its own, and a flipped byte inside a string or number buffer still
   * loads; comparing this hash, written into the schema metadata, catches that. O(nodes + edges);
   * string hashes are {@link String#hashCode}, which the graph's indexes compute anyway.
   */
  static long contentHash(PackageGraph g) {
    Hasher h = new Hasher();
    GraphMetadata m = g.metadata();
    h.add(m.source()).add(m.selfLoopsDropped()).add(m.duplicateEdgesMerged());
    h.add(m.unresolved().size());
    for (String u : m.unresolved()) {
      h.add(u);
    }
    h.add(m.properties().size());
    for (Map.Entry<String, String> e : m.properties().entrySet()) {
      h.add(e.getKey()).add(e.getValue());
    }
    h.add(g.nodeCount());
    for (int v = 0; v < g.nodeCount(); v++) {
      h.add(g.id(v)).add(g.name(v)).add(g.version(v)).add(g.system(v));
      h.add(Double.doubleToLongBits(g.buildSeconds(v)));
      h.add(g.lastStatus(v).ordinal());
      h.add(g.sizeBytes(v));
      h.add(Float.floatToIntBits((float) g.unchangedProbability(v)));
      List<String> channels = g.channels(v);
      h.add(channels.size());
      for (String c : channels) {
        h.add(c);
      }
      List<String> aliases = g.aliases(v);
      h.add(aliases.size());
      for (String a : aliases) {
        h.add(a);
      }
      h.add(g.inputsEnd(v) - g.inputsStart(v));
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        h.add(g.input(p));
      }
    }
    // The extras only when present, so that a graph without them hashes as in version 1.
    NodeExtras x = g.extras();
    if (!x.isEmpty()) {
      for (int v = 0; v < g.nodeCount(); v++) {
        for (List<String> list : List.of(g.binaries(v), g.requiredFeatures(v))) {
          h.add(list.size());
          for (String item : list) {
            h.add(item);
          }
        }
        h.add(g.isFixedOutput(v) ? 1 : 0);
      }
      for (Map.Entry<String, CsrGraph> e : x.relations().entrySet()) {
        h.add(e.getKey());
        CsrGraph r = e.getValue();
        for (int v = 0; v < r.nodeCount(); v++) {
          h.add(r.inputsEnd(v) - r.inputsStart(v));
          for (int p = r.inputsStart(v); p < r.inputsEnd(v); p++) {
            h.add(r.input(p));
          }
        }
      }
    }
    return h.value();
  }

  private static String hex(long value) {
    return String.format("%016x", value);
  }

  /** A streaming 64-bit hash: each value is mixed (SplitMix64's finalizer) into the state. */
  private static final class Hasher {
    private long state = 0x9E3779B97F4A7C15L;

    Hasher add(long x) {
      long z = x + 0x632BE59BD9B4E019L;
      z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
      z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
      state = Long.rotateLeft(state ^ z ^ (z >>> 33), 29) * 0x9E3779B97F4A7C15L;
      return this;
    }

    Hasher add(String s) {
      return add(((long) s.length() << 32) | (s.hashCode() & 0xFFFFFFFFL));
    }

    long value() {
      return state;
    }
  }

  /**
   * The double with the shortest decimal form that still narrows to {@code f}: {@code 0.9} rather
   * than {@code 0.8999999761581421}, so other tools see the value the user wrote.
   */
  static double shortestDouble(float f) {
    double d = Double.parseDouble(Float.toString(f));
    return (float) d == f ? d : f;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads a graph written by {@link #write} (or by another Arrow tool in the same layout).
   *
   * @throws InputException naming the file and the footer, record batch or node for a file that is
   *     not an Arrow IPC file, is truncated or corrupt, or breaks the layout
   */
  public static PackageGraph read(Path file, Progress progress) {
    String source = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      checkMagic(channel, source);
      BufferAllocator allocator = new RootAllocator();
      boolean ok = false;
      try (ArrowFileReader reader =
          new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE)) {
        PackageGraph g = read(reader, source, channel.size(), progress);
        ok = true;
        return g;
      } finally {
        // Arrow can leak buffers when it fails half-way through a corrupt batch; closing the
        // allocator then logs an error and throws over the InputException the user needs. On that
        // path the few leaked buffers are left to the garbage collector.
        if (ok || allocator.getAllocatedMemory() == 0) {
          allocator.close();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkMagic(FileChannel channel, String source) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
    while (head.hasRemaining() && channel.read(head) >= 0) {
      // keep reading: a channel may return fewer bytes than asked
    }
    byte[] bytes = head.array();
    if (head.position() < MAGIC.length || !Arrays.equals(bytes, MAGIC)) {
      boolean stream =
          head.position() >= 4
              && bytes[0] == (byte) 0xFF
              && bytes[1] == (byte) 0xFF
              && bytes[2] == (byte) 0xFF
              && bytes[3] == (byte) 0xFF;
      throw new InputException(
          source,
          null,
          stream
              ? "not an Arrow IPC file: this is an Arrow IPC stream (.arrows); Preflight reads the"
                  + " IPC file format"
              : "not an Arrow IPC file (it does not start with ARROW1)");
    }
    // A file cut short (a failed copy or download) loses its footer and closing magic first.
    long size = channel.size();
    ByteBuffer tail = ByteBuffer.allocate(MAGIC.length);
    if (size >= 2L * MAGIC.length) {
      channel.position(size - MAGIC.length);
      while (tail.hasRemaining() && channel.read(tail) >= 0) {
        // keep reading
      }
    }
    if (!Arrays.equals(tail.array(), MAGIC)) {
      throw new InputException(
          source,
          "footer",
          "truncated Arrow IPC file: it starts with ARROW1 but does not end with it ("
              + size
              + " bytes; cut off while copying or writing?)");
    }
    channel.position(0);
  }

  private static PackageGraph read(
      ArrowFileReader reader, String source, long fileSize, Progress progress) {
    VectorSchemaRoot root;
    List<ArrowBlock> blocks;
    Map<Long, Dictionary> dictionaries;
    try {
      root = reader.getVectorSchemaRoot();
      blocks = reader.getRecordBlocks();
      dictionaries = reader.getDictionaryVectors();
    } catch (IOException | RuntimeException e) {
      throw new InputException(
          source,
          "footer",
          "corrupt Arrow IPC file: cannot read its footer (" + message(e) + ")",
          e);
    }
    Schema schema = root.getSchema();
    Map<String, String> meta = schema.getCustomMetadata();
    checkFormat(meta, schema, source);
    Columns columns = new Columns(root, dictionaries, source);
    // Sizing hints only: capped by the file size, so a bogus hint cannot allocate gigabytes;
    // the arrays grow if a hint is too small.
    int nodeHint = (int) Math.min(hint(meta, "nodeCount", source), fileSize);
    int edgeHint = (int) Math.min(hint(meta, "edgeCount", source), fileSize);
    Loader loader = new Loader(source, nodeHint, edgeHint);
    progress.start("reading " + Path.of(source).getFileName(), blocks.size(), "blocks");
    for (int k = 0; k < blocks.size(); k++) {
      String where = "record batch " + (k + 1) + " of " + blocks.size();
      try {
        reader.loadRecordBatch(blocks.get(k));
      } catch (IOException | RuntimeException e) {
        throw new InputException(
            source, where, "corrupt Arrow IPC file: cannot load the batch (" + message(e) + ")", e);
      }
      try {
        loader.load(columns, root.getRowCount(), where);
      } catch (InputException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new InputException(
            source, where, "corrupt Arrow IPC file: bad column data (" + message(e) + ")", e);
      }
      progress.advance(1);
    }
    PackageGraph g = PackageGraphBuilder.fromColumns(loader.finish(metadata(meta, source)), source);
    String expected = meta.get("contentHash");
    if (expected != null && !expected.equals(hex(contentHash(g)))) {
      throw new InputException(
          source,
          "checksum",
          "corrupt Arrow IPC file: the content does not match the contentHash written with it");
    }
    progress.done();
    return g;
  }

  private static void checkFormat(Map<String, String> meta, Schema schema, String source) {
    String version = meta.get("formatVersion");
    if (version == null || !FORMAT_NAME.equals(meta.get("format"))) {
      throw new InputException(
          source,
          "schema",
          "an Arrow file, but not a Preflight graph (its schema metadata lacks format="
              + FORMAT_NAME
              + " and formatVersion; columns: "
              + schema.getFields().stream().map(Field::getName).toList()
              + ")");
    }
    if (!READABLE_VERSIONS.contains(version)) {
      throw new InputException(
          source,
          "schema",
          "unsupported formatVersion "
              + version
              + " (this Preflight reads versions "
              + new TreeSet<>(READABLE_VERSIONS)
              + "; a newer Preflight wrote it?)");
    }
  }

  private static int hint(Map<String, String> meta, String key, String source) {
    String v = meta.get(key);
    if (v == null) {
      return 1024;
    }
    try {
      return Math.max(0, Integer.parseInt(v));
    } catch (NumberFormatException e) {
      throw new InputException(source, "schema", "metadata " + key + " is not a number: " + v);
    }
  }

  private static GraphMetadata metadata(Map<String, String> meta, String source) {
    List<String> unresolved = new ArrayList<>();
    Map<String, String> properties = new LinkedHashMap<>();
    try {
      JsonNode u = MAPPER.readTree(meta.getOrDefault("unresolved", "[]"));
      if (!u.isArray()) {
        throw new InputException(source, "schema", "metadata 'unresolved' must be a JSON array");
      }
      for (JsonNode s : u) {
        unresolved.add(s.asText());
      }
      JsonNode p = MAPPER.readTree(meta.getOrDefault("properties", "{}"));
      if (!p.isObject()) {
        throw new InputException(source, "schema", "metadata 'properties' must be a JSON object");
      }
      Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        properties.put(e.getKey(), e.getValue().asText());
      }
    } catch (JsonProcessingException e) {
      throw new InputException(
          source, "schema", "malformed JSON in metadata: " + JsonProblems.describe(e));
    }
    return new GraphMetadata(
        meta.getOrDefault("source", ""),
        count(meta, "selfLoopsDropped", source),
        count(meta, "duplicateEdgesMerged", source),
        new ArrayList<>(new TreeSet<>(unresolved)),
        properties);
  }

  private static long count(Map<String, String> meta, String key, String source) {
    String v = meta.getOrDefault(key, "0");
    try {
      long n = Long.parseLong(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException(source, "schema", "metadata " + key + " must be a count, got " + v);
  }

  private static String message(Throwable e) {
    String m = GraphFormat.rootMessage(e);
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** The columns of the reader's root, type-checked once; optional ones may be null. */
  private static final class Columns {
    final VarCharVector ids;
    final VarCharVector names;
    final VarCharVector versions;
    final FieldVector systems;
    final Float8Vector seconds;
    final FieldVector status;
    final ListVector channels;
    final ListVector aliases;
    final BigIntVector sizes;
    final Float8Vector unchanged;
    final ListVector inputs;
    final ListVector binaries;
    final ListVector features;
    final BitVector fixedOutput;
    final Map<String, ListVector> relations = new TreeMap<>();
    final Dictionary systemDictionary;
    final Dictionary statusDictionary;

    Columns(VectorSchemaRoot root, Map<Long, Dictionary> dictionaries, String source) {
      ids = column(root, ID, VarCharVector.class, true, "utf8", source);
      names = column(root, NAME, VarCharVector.class, false, "utf8", source);
      versions = column(root, VERSION, VarCharVector.class, false, "utf8", source);
      systems = column(root, SYSTEM, FieldVector.class, false, "utf8", source);
      seconds = column(root, BUILD_SECONDS, Float8Vector.class, false, "float64", source);
      status = column(root, LAST_STATUS, FieldVector.class, false, "utf8", source);
      channels = stringList(root, CHANNELS, source);
      aliases = stringList(root, ALIASES, source);
      sizes = column(root, SIZE_BYTES, BigIntVector.class, false, "int64", source);
      unchanged = column(root, UNCHANGED_PROBABILITY, Float8Vector.class, false, "float64", source);
      inputs = column(root, INPUTS, ListVector.class, true, "list<int32>", source);
      if (!(inputs.getDataVector() instanceof IntVector)) {
        throw wrongType(INPUTS, "list<int32>", inputs, source);
      }
      binaries = stringList(root, BINARIES, source);
      features = stringList(root, FEATURES, source);
      fixedOutput = column(root, FIXED_OUTPUT, BitVector.class, false, "bool", source);
      for (Field f : root.getSchema().getFields()) {
        if (f.getName().startsWith(RELATION_PREFIX)) {
          String name = f.getName().substring(RELATION_PREFIX.length());
          ListVector v = column(root, f.getName(), ListVector.class, true, "list<int32>", source);
          if (name.isBlank() || !(v.getDataVector() instanceof IntVector)) {
            throw wrongType(f.getName(), "list<int32> with a relation name", v, source);
          }
          relations.put(name, v);
        }
      }
      systemDictionary = categorical(systems, dictionaries, SYSTEM, source);
      statusDictionary = categorical(status, dictionaries, LAST_STATUS, source);
    }

    private static <T> T column(
        VectorSchemaRoot root,
        String name,
        Class<T> type,
        boolean required,
        String expected,
        String source) {
      FieldVector v = root.getVector(name);
      if (v == null) {
        if (required) {
          throw new InputException(
              source, "schema", "missing column '" + name + "' (" + expected + ")");
        }
        return null;
      }
      if (!type.isInstance(v)) {
        throw wrongType(name, expected, v, source);
      }
      return type.cast(v);
    }

    private static ListVector stringList(VectorSchemaRoot root, String name, String source) {
      ListVector v = column(root, name, ListVector.class, false, "list<utf8>", source);
      if (v != null && !(v.getDataVector() instanceof VarCharVector)) {
        throw wrongType(name, "list<utf8>", v, source);
      }
      return v;
    }

    /** Checks a column is utf8 or dictionary-encoded utf8; returns its dictionary or null. */
    private static Dictionary categorical(
        FieldVector v, Map<Long, Dictionary> dictionaries, String name, String source) {
      if (v == null || v instanceof VarCharVector) {
        return null;
      }
      DictionaryEncoding enc = v.getField().getDictionary();
      if (enc == null || !(v instanceof BaseIntVector)) {
        throw wrongType(name, "utf8 or dictionary<int, utf8>", v, source);
      }
      Dictionary d = dictionaries.get(enc.getId());
      if (d == null || !(d.getVector() instanceof VarCharVector)) {
        throw new InputException(
            source, "schema", "column '" + name + "': its dictionary is missing or not utf8");
      }
      return d;
    }

    private static InputException wrongType(
        String name, String expected, FieldVector v, String source) {
      return new InputException(
          source,
          "schema",
          "column '" + name + "' must be " + expected + ", found " + v.getField().getType());
    }
  }

  /** Accumulates the batches' columns into the graph's arrays. */
  private static final class Loader {
    private final String source;
    private int n;
    private int e;
    private String[] ids;
    private String[] names;
    private String[] versions;
    private int[] systemCodes;
    private double[] seconds;
    private int[] statusCodes;
    private long[] sizes;
    private float[] unchanged;
    private int[] inputOffsets;
    private int[] inputTargets;
    private int[] channelOffsets;
    private int[] channelCodes;
    private int channelCount;
    private int[] aliasOffsets;
    private String[] aliasValues;
    private int aliasCount;
    private final Categories systems = new Categories();
    private final Categories statuses = new Categories();
    private final Categories channels = new Categories();
    private StringLists binaries;
    private StringLists features;
    private boolean[] fixedOutput;
    private final Map<String, IntLists> relations = new TreeMap<>();

    Loader(String source, int nodeHint, int edgeHint) {
      this.source = source;
      ids = new String[nodeHint];
      names = new String[nodeHint];
      versions = new String[nodeHint];
      systemCodes = new int[nodeHint];
      seconds = new double[nodeHint];
      statusCodes = new int[nodeHint];
      sizes = new long[nodeHint];
      unchanged = new float[nodeHint];
      inputOffsets = new int[nodeHint + 1];
      inputTargets = new int[edgeHint];
      channelOffsets = new int[nodeHint + 1];
      channelCodes = new int[16];
      aliasOffsets = new int[nodeHint + 1];
      aliasValues = new String[16];
    }

    void load(Columns c, int rows, String where) {
      ensureNodes(n + rows);
      readStrings(c.ids, rows, ids, n, where, ID);
      for (int r = 0; r < rows; r++) {
        if (ids[n + r] == null || ids[n + r].isEmpty()) {
          throw new InputException(source, where + ", row " + (r + 1), "node id is null or empty");
        }
      }
      if (c.names == null) {
        System.arraycopy(ids, n, names, n, rows);
      } else {
        readStrings(c.names, rows, names, n, where, NAME);
        for (int r = n; r < n + rows; r++) {
          if (names[r] == null || names[r].isEmpty()) {
            names[r] = ids[r];
          }
        }
      }
      if (c.versions == null) {
        Arrays.fill(versions, n, n + rows, "");
      } else {
        readStrings(c.versions, rows, versions, n, where, VERSION);
        internVersions(rows);
      }
      readCategories(c.systems, c.systemDictionary, systems, rows, systemCodes, where, SYSTEM);
      readCategories(c.status, c.statusDictionary, statuses, rows, statusCodes, where, LAST_STATUS);
      readDoubles(c.seconds, rows);
      readSizes(c.sizes, rows);
      readUnchanged(c.unchanged, rows);
      readChannels(c.channels, rows, where);
      readAliases(c.aliases, rows, where);
      readInputs(c.inputs, rows, where);
      readExtras(c, rows, where);
      n += rows;
    }

    private void readExtras(Columns c, int rows, String where) {
      if (c.binaries != null) {
        if (binaries == null) {
          binaries = new StringLists(source, BINARIES);
        }
        binaries.read(c.binaries, n, rows, where);
      }
      if (c.features != null) {
        if (features == null) {
          features = new StringLists(source, FEATURES);
        }
        features.read(c.features, n, rows, where);
      }
      if (c.fixedOutput != null) {
        if (fixedOutput == null || fixedOutput.length < n + rows) {
          fixedOutput =
              Arrays.copyOf(
                  fixedOutput == null ? new boolean[0] : fixedOutput,
                  Math.max(n + rows, 2 * (fixedOutput == null ? 0 : fixedOutput.length)));
        }
        for (int r = 0; r < rows; r++) {
          fixedOutput[n + r] = !c.fixedOutput.isNull(r) && c.fixedOutput.get(r) == 1;
        }
      }
      for (Map.Entry<String, ListVector> e : c.relations.entrySet()) {
        relations
            .computeIfAbsent(e.getKey(), k -> new IntLists(source, RELATION_PREFIX + k))
            .read(e.getValue(), n, rows, where);
      }
    }

    private NodeExtras extras() {
      java.util.SortedMap<String, CsrGraph> rel = new TreeMap<>();
      for (Map.Entry<String, IntLists> e : relations.entrySet()) {
        rel.put(e.getKey(), e.getValue().graph(n));
      }
      return new NodeExtras(
          binaries == null ? null : binaries.offsets(n),
          binaries == null ? null : binaries.values(),
          features == null ? null : features.offsets(n),
          features == null ? null : features.values(),
          fixedOutput == null ? null : Arrays.copyOf(fixedOutput, n),
          rel);
    }

    private void ensureNodes(int capacity) {
      if (capacity <= ids.length) {
        return;
      }
      int size = Math.max(capacity, ids.length * 2);
      ids = Arrays.copyOf(ids, size);
      names = Arrays.copyOf(names, size);
      versions = Arrays.copyOf(versions, size);
      systemCodes = Arrays.copyOf(systemCodes, size);
      seconds = Arrays.copyOf(seconds, size);
      statusCodes = Arrays.copyOf(statusCodes, size);
      sizes = Arrays.copyOf(sizes, size);
      unchanged = Arrays.copyOf(unchanged, size);
      inputOffsets = Arrays.copyOf(inputOffsets, size + 1);
      channelOffsets = Arrays.copyOf(channelOffsets, size + 1);
      aliasOffsets = Arrays.copyOf(aliasOffsets, size + 1);
    }

    // Versions repeat across systems; share one String per distinct version, as the builder does.
    private void internVersions(int rows) {
      Map<String, String> seen = new HashMap<>();
      for (int r = n; r < n + rows; r++) {
        String v = versions[r];
        if (v == null) {
          versions[r] = "";
        } else {
          String first = seen.putIfAbsent(v, v);
          if (first != null) {
            versions[r] = first;
          }
        }
      }
    }

    /** Offsets of a variable-width or list vector, checked to be monotone and inside the data. */
    private int[] offsets(ArrowBuf buffer, int rows, long limit, String where, String column) {
      int[] o = new int[rows + 1];
      if (rows > 0) {
        buffer
            .nioBuffer(0, 4 * (rows + 1))
            .order(ByteOrder.LITTLE_ENDIAN)
            .asIntBuffer()
            .get(o, 0, rows + 1);
      }
      if (o[0] < 0 || o[rows] > limit) {
        throw new InputException(source, where, "column '" + column + "': offsets out of range");
      }
      for (int r = 0; r < rows; r++) {
        if (o[r + 1] < o[r]) {
          throw new InputException(
              source, where + ", row " + (r + 1), "column '" + column + "': offsets decrease");
        }
      }
      return o;
    }

    private void readStrings(
        VarCharVector v, int rows, String[] out, int at, String where, String column) {
      if (rows == 0) {
        return;
      }
      long dataLength = v.getDataBuffer().capacity();
      int[] o = offsets(v.getOffsetBuffer(), rows, dataLength, where, column);
      byte[] data = new byte[o[rows] - o[0]];
      v.getDataBuffer().getBytes(o[0], data, 0, data.length);
      boolean nulls = v.getNullCount() > 0;
      for (int r = 0; r < rows; r++) {
        out[at + r] =
            nulls && v.isNull(r)
                ? null
                : new String(data, o[r] - o[0], o[r + 1] - o[r], StandardCharsets.UTF_8);
      }
    }

    private void readCategories(
        FieldVector v,
        Dictionary dictionary,
        Categories categories,
        int rows,
        int[] codes,
        String where,
        String column) {
      if (v == null) {
        Arrays.fill(codes, n, n + rows, categories.code(""));
        return;
      }
      if (dictionary == null) {
        String[] values = new String[rows];
        readStrings((VarCharVector) v, rows, values, 0, where, column);
        for (int r = 0; r < rows; r++) {
          codes[n + r] = categories.code(values[r] == null ? "" : values[r]);
        }
        return;
      }
      VarCharVector dict = (VarCharVector) dictionary.getVector();
      int size = dict.getValueCount();
      String[] words = new String[size];
      readStrings(dict, size, words, 0, where, column + " dictionary");
      int[] toCode = new int[size];
      for (int i = 0; i < size; i++) {
        toCode[i] = categories.code(words[i] == null ? "" : words[i]);
      }
      BaseIntVector index = (BaseIntVector) v;
      boolean nulls = v.getNullCount() > 0;
      int empty = -1;
      for (int r = 0; r < rows; r++) {
        if (nulls && v.isNull(r)) {
          if (empty < 0) {
            empty = categories.code("");
          }
          codes[n + r] = empty;
          continue;
        }
        long i = index.getValueAsLong(r);
        if (i < 0 || i >= size) {
          throw new InputException(
              source,
              where + ", row " + (r + 1),
              "column '" + column + "': dictionary index " + i + " out of range");
        }
        codes[n + r] = toCode[(int) i];
      }
    }

    private void readDoubles(Float8Vector v, int rows) {
      if (v == null) {
        Arrays.fill(seconds, n, n + rows, Double.NaN);
        return;
      }
      if (rows > 0) {
        v.getDataBuffer()
            .nioBuffer(0, 8 * rows)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asDoubleBuffer()
            .get(seconds, n, rows);
      }
      if (v.getNullCount() > 0) {
        for (int r = 0; r < rows; r++) {
          if (v.isNull(r)) {
            seconds[n + r] = Double.NaN;
          }
        }
      }
    }

    private void readSizes(BigIntVector v, int rows) {
      if (v == null) {
        Arrays.fill(sizes, n, n + rows, -1L);
        return;
      }
      if (rows > 0) {
        v.getDataBuffer()
            .nioBuffer(0, 8 * rows)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asLongBuffer()
            .get(sizes, n, rows);
      }
      if (v.getNullCount() > 0) {
        for (int r = 0; r < rows; r++) {
          if (v.isNull(r)) {
            sizes[n + r] = -1;
          }
        }
      }
    }

    private void readUnchanged(Float8Vector v, int rows) {
      if (v == null) {
        Arrays.fill(unchanged, n, n + rows, Float.NaN);
        return;
      }
      boolean nulls = v.getNullCount() > 0;
      for (int r = 0; r < rows; r++) {
        unchanged[n + r] = nulls && v.isNull(r) ? Float.NaN : (float) v.get(r);
      }
    }

    private void readChannels(ListVector v, int rows, String where) {
      if (v == null || rows == 0) {
        for (int r = 0; r < rows; r++) {
          channelOffsets[n + r + 1] = channelCount;
        }
        return;
      }
      VarCharVector items = (VarCharVector) v.getDataVector();
      int[] o = offsets(v.getOffsetBuffer(), rows, items.getValueCount(), where, CHANNELS);
      int count = o[rows] - o[0];
      String[] values = new String[count];
      if (count > 0) {
        String[] all = new String[o[rows]];
        readStrings(items, o[rows], all, 0, where, CHANNELS);
        System.arraycopy(all, o[0], values, 0, count);
      }
      if (channelCodes.length < channelCount + count) {
        channelCodes =
            Arrays.copyOf(channelCodes, Math.max(channelCount + count, 2 * channelCodes.length));
      }
      boolean nulls = v.getNullCount() > 0;
      for (int r = 0; r < rows; r++) {
        if (!(nulls && v.isNull(r))) {
          for (int p = o[r]; p < o[r + 1]; p++) {
            String s = values[p - o[0]];
            if (s == null) {
              throw new InputException(
                  source, where + ", row " + (r + 1), "column 'channels' holds a null");
            }
            channelCodes[channelCount++] = channels.code(s);
          }
        }
        channelOffsets[n + r + 1] = channelCount;
      }
    }

    private void readAliases(ListVector v, int rows, String where) {
      if (v == null || rows == 0) {
        for (int r = 0; r < rows; r++) {
          aliasOffsets[n + r + 1] = aliasCount;
        }
        return;
      }
      VarCharVector items = (VarCharVector) v.getDataVector();
      int[] o = offsets(v.getOffsetBuffer(), rows, items.getValueCount(), where, ALIASES);
      int count = o[rows] - o[0];
      if (aliasValues.length < aliasCount + count) {
        aliasValues =
            Arrays.copyOf(aliasValues, Math.max(aliasCount + count, 2 * aliasValues.length));
      }
      if (count > 0) {
        String[] all = new String[o[rows]];
        readStrings(items, o[rows], all, 0, where, ALIASES);
        System.arraycopy(all, o[0], aliasValues, aliasCount, count);
      }
      boolean nulls = v.getNullCount() > 0;
      int write = aliasCount;
      for (int r = 0; r < rows; r++) {
        if (!(nulls && v.isNull(r))) {
          for (int p = o[r]; p < o[r + 1]; p++) {
            String s = aliasValues[aliasCount + p - o[0]];
            if (s == null) {
              throw new InputException(
                  source, where + ", row " + (r + 1), "column 'aliases' holds a null");
            }
            aliasValues[write++] = s;
          }
        }
        aliasOffsets[n + r + 1] = write;
      }
      aliasCount = write;
    }

    private void readInputs(ListVector v, int rows, String where) {
      if (rows == 0) {
        return;
      }
      IntVector items = (IntVector) v.getDataVector();
      int[] o = offsets(v.getOffsetBuffer(), rows, items.getValueCount(), where, INPUTS);
      int count = o[rows] - o[0];
      if (inputTargets.length < e + count) {
        inputTargets = Arrays.copyOf(inputTargets, Math.max(e + count, 2 * inputTargets.length));
      }
      if (count > 0) {
        items
            .getDataBuffer()
            .nioBuffer(4L * o[0], 4 * count)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asIntBuffer()
            .get(inputTargets, e, count);
      }
      if (items.getNullCount() > 0) {
        throw new InputException(source, where, "column 'inputs' holds a null node index");
      }
      // A null list is a node without inputs; its offsets may still span values, so re-pack.
      boolean nulls = v.getNullCount() > 0;
      int write = e;
      for (int r = 0; r < rows; r++) {
        if (nulls && v.isNull(r)) {
          inputOffsets[n + r + 1] = write;
          continue;
        }
        if (write != e + o[r] - o[0]) {
          System.arraycopy(inputTargets, e + o[r] - o[0], inputTargets, write, o[r + 1] - o[r]);
        }
        write += o[r + 1] - o[r];
        inputOffsets[n + r + 1] = write;
      }
      e = write;
    }

    PackageGraphBuilder.Columns finish(GraphMetadata metadata) {
      String[] systemTable = systems.sortedUsed(systemCodes, n);
      short[] systemOf = systems.remapToShort(systemCodes, n, source, SYSTEM);
      byte[] status = new byte[n];
      NodeStatus[] statusOf = new NodeStatus[statuses.size()];
      for (int v = 0; v < n; v++) {
        int code = statusCodes[v];
        if (statusOf[code] == null) {
          try {
            statusOf[code] = NodeStatus.parse(statuses.word(code));
          } catch (IllegalArgumentException ex) {
            throw new InputException(
                source, "node #" + (v + 1), "column 'lastStatus': " + ex.getMessage());
          }
        }
        status[v] = (byte) statusOf[code].ordinal();
      }
      // Channels: map to sorted table indexes, then sort and de-duplicate within each node.
      int[] used = Arrays.copyOf(channelCodes, channelCount);
      String[] channelTable = channels.sortedUsed(used, used.length);
      short[] mapped = channels.remapToShort(used, used.length, source, CHANNELS);
      short[] channelValues = new short[channelCount];
      int[] compactOffsets = new int[n + 1];
      int write = 0;
      for (int v = 0; v < n; v++) {
        int from = channelOffsets[v];
        int to = channelOffsets[v + 1];
        Arrays.sort(mapped, from, to);
        compactOffsets[v] = write;
        int previous = -1;
        for (int p = from; p < to; p++) {
          if (mapped[p] != previous) {
            previous = mapped[p];
            channelValues[write++] = mapped[p];
          }
        }
      }
      compactOffsets[n] = write;
      return new PackageGraphBuilder.Columns(
          Arrays.copyOf(inputOffsets, n + 1),
          e == inputTargets.length ? inputTargets : Arrays.copyOf(inputTargets, e),
          trim(ids),
          trim(names),
          trim(versions),
          systemTable,
          systemOf,
          seconds.length == n ? seconds : Arrays.copyOf(seconds, n),
          status,
          sizes.length == n ? sizes : Arrays.copyOf(sizes, n),
          unchanged.length == n ? unchanged : Arrays.copyOf(unchanged, n),
          channelTable,
          compactOffsets,
          write == channelValues.length ? channelValues : Arrays.copyOf(channelValues, write),
          Arrays.copyOf(aliasOffsets, n + 1),
          Arrays.copyOf(aliasValues, aliasCount),
          metadata,
          extras());
    }

    private String[] trim(String[] a) {
      return a.length == n ? a : Arrays.copyOf(a, n);
    }
  }

  /** A {@code list<utf8>} column accumulated over batches into CSR offsets and values. */
  private static final class StringLists {
    private final String source;
    private final String column;
    private int[] offsets = new int[1025];
    private String[] values = new String[16];
    private int count;

    StringLists(String source, String column) {
      this.source = source;
      this.column = column;
    }

    void read(ListVector v, int at, int rows, String where) {
      if (offsets.length < at + rows + 1) {
        offsets = Arrays.copyOf(offsets, Math.max(at + rows + 1, 2 * offsets.length));
      }
      if (rows == 0) {
        return;
      }
      VarCharVector items = (VarCharVector) v.getDataVector();
      int[] o = listOffsets(v, rows, items.getValueCount(), source, where, column);
      String[] all = new String[o[rows]];
      if (o[rows] > 0) {
        stringsOf(items, o[rows], all, source, where, column);
      }
      boolean nulls = v.getNullCount() > 0;
      for (int r = 0; r < rows; r++) {
        if (!(nulls && v.isNull(r))) {
          for (int p = o[r]; p < o[r + 1]; p++) {
            if (all[p] == null || all[p].isEmpty()) {
              throw new InputException(
                  source,
                  where + ", row " + (r + 1),
                  "column '" + column + "' holds an empty value");
            }
            if (count == values.length) {
              values = Arrays.copyOf(values, 2 * count);
            }
            values[count++] = all[p];
          }
        }
        offsets[at + r + 1] = count;
      }
    }

    int[] offsets(int n) {
      return Arrays.copyOf(offsets, n + 1);
    }

    String[] values() {
      return Arrays.copyOf(values, count);
    }
  }

  /** A {@code list<int32>} column (a relation) accumulated over batches into a CSR graph. */
  private static final class IntLists {
    private final String source;
    private final String column;
    private int[] offsets = new int[1025];
    private int[] values = new int[16];
    private int count;

    IntLists(String source, String column) {
      this.source = source;
      this.column = column;
    }

    void read(ListVector v, int at, int rows, String where) {
      if (offsets.length < at + rows + 1) {
        offsets = Arrays.copyOf(offsets, Math.max(at + rows + 1, 2 * offsets.length));
      }
      if (rows == 0) {
        return;
      }
      IntVector items = (IntVector) v.getDataVector();
      if (items.getNullCount() > 0) {
        throw new InputException(source, where, "column '" + column + "' holds a null node index");
      }
      int[] o = listOffsets(v, rows, items.getValueCount(), source, where, column);
      boolean nulls = v.getNullCount() > 0;
      for (int r = 0; r < rows; r++) {
        if (!(nulls && v.isNull(r))) {
          for (int p = o[r]; p < o[r + 1]; p++) {
            if (count == values.length) {
              values = Arrays.copyOf(values, 2 * count);
            }
            values[count++] = items.get(p);
          }
        }
        offsets[at + r + 1] = count;
      }
    }

    CsrGraph graph(int n) {
      int[] o = Arrays.copyOf(offsets, n + 1);
      for (int p = 0; p < count; p++) {
        if (values[p] < 0 || values[p] >= n) {
          throw new InputException(
              source, "column '" + column + "'", "node index " + values[p] + " out of range");
        }
      }
      return CsrGraph.fromInputs(o, Arrays.copyOf(values, count));
    }
  }

  /** A list vector's first {@code rows + 1} offsets, checked to be monotone and inside the data. */
  private static int[] listOffsets(
      ListVector v, int rows, long limit, String source, String where, String column) {
    int[] o = new int[rows + 1];
    for (int r = 0; r <= rows; r++) {
      o[r] = v.getOffsetBuffer().getInt(4L * r);
    }
    if (o[0] < 0 || o[rows] > limit) {
      throw new InputException(source, where, "column '" + column + "': offsets out of range");
    }
    for (int r = 0; r < rows; r++) {
      if (o[r + 1] < o[r]) {
        throw new InputException(
            source, where + ", row " + (r + 1), "column '" + column + "': offsets decrease");
      }
    }
    return o;
  }

  /** The first {@code count} strings of a varchar vector (nulls stay null). */
  private static void stringsOf(
      VarCharVector v, int count, String[] out, String source, String where, String column) {
    for (int i = 0; i < count; i++) {
      byte[] b = v.isNull(i) ? null : v.get(i);
      out[i] = b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
  }

  /** Distinct strings of a categorical column, numbered in order of first sight. */
  private static final class Categories {
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> words = new ArrayList<>();
    private int[] rank;

    int code(String word) {
      Integer c = codes.get(word);
      if (c == null) {
        c = words.size();
        codes.put(word, c);
        words.add(word);
      }
      return c;
    }

    int size() {
      return words.size();
    }

    String word(int code) {
      return words.get(code);
    }

    /** The sorted distinct words that {@code refs[0..count)} use; prepares the remapping. */
    String[] sortedUsed(int[] refs, int count) {
      boolean[] used = new boolean[words.size()];
      for (int i = 0; i < count; i++) {
        used[refs[i]] = true;
      }
      TreeSet<String> sorted = new TreeSet<>();
      for (int c = 0; c < used.length; c++) {
        if (used[c]) {
          sorted.add(words.get(c));
        }
      }
      String[] table = sorted.toArray(new String[0]);
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < table.length; i++) {
        position.put(table[i], i);
      }
      rank = new int[words.size()];
      for (int c = 0; c < used.length; c++) {
        rank[c] = used[c] ? position.get(words.get(c)) : -1;
      }
      return table;
    }

    short[] remapToShort(int[] refs, int count, String source, String column) {
      short[] out = new short[count];
      for (int i = 0; i < count; i++) {
        int r = rank[refs[i]];
        if (r > Short.MAX_VALUE) {
          throw new InputException(
              source,
              "column '" + column + "'",
              "more than " + Short.MAX_VALUE + " distinct values");
        }
        out[i] = (short) r;
      }
      return out;
    }
  }
}
