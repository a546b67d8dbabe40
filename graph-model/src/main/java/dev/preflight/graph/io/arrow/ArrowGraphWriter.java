package dev.preflight.graph.io.arrow;

import static dev.preflight.graph.io.arrow.ArrowSchema.ALIASES;
import static dev.preflight.graph.io.arrow.ArrowSchema.BINARIES;
import static dev.preflight.graph.io.arrow.ArrowSchema.BUILD_SECONDS;
import static dev.preflight.graph.io.arrow.ArrowSchema.CHANNELS;
import static dev.preflight.graph.io.arrow.ArrowSchema.FEATURES;
import static dev.preflight.graph.io.arrow.ArrowSchema.FIXED_OUTPUT;
import static dev.preflight.graph.io.arrow.ArrowSchema.ID;
import static dev.preflight.graph.io.arrow.ArrowSchema.INPUTS;
import static dev.preflight.graph.io.arrow.ArrowSchema.LAST_STATUS;
import static dev.preflight.graph.io.arrow.ArrowSchema.NAME;
import static dev.preflight.graph.io.arrow.ArrowSchema.RELATION_PREFIX;
import static dev.preflight.graph.io.arrow.ArrowSchema.SIZE_BYTES;
import static dev.preflight.graph.io.arrow.ArrowSchema.SYSTEM;
import static dev.preflight.graph.io.arrow.ArrowSchema.UNCHANGED_PROBABILITY;
import static dev.preflight.graph.io.arrow.ArrowSchema.VERSION;

import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.NodeExtras;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.io.GraphFormat;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.Schema;

/** Writes a graph as record batches of an Arrow IPC file. */
final class ArrowGraphWriter {
  private ArrowGraphWriter() {}

  /**
   * Writes {@code g} to {@code file} directly (callers provide atomicity) with batches of {@code
   * batchRows}; tests also use it to write LZ4 files as other tools do.
   */
  static void writeTo(PackageGraph g, Path file, CompressionUtil.CodecType codec, int batchRows)
      throws IOException {
    try (FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.WRITE,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      write(g, out, codec, batchRows);
    }
  }

  /** Writes {@code g} as an Arrow IPC file to {@code out} (left open). */
  static void write(
      PackageGraph g, WritableByteChannel out, CompressionUtil.CodecType codec, int batchRows)
      throws IOException {
    Schema schema = ArrowSchema.schema(ArrowSchema.metadata(g), g.extras());
    try (BufferAllocator allocator = new RootAllocator();
        VarCharVector systems = ArrowSchema.dictionary("system", g.systems(), allocator);
        VarCharVector statuses =
            ArrowSchema.dictionary("lastStatus", ArrowSchema.statusWords(), allocator);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      DictionaryProvider.MapDictionaryProvider provider =
          new DictionaryProvider.MapDictionaryProvider();
      provider.put(new Dictionary(systems, ArrowSchema.systemEncoding()));
      provider.put(new Dictionary(statuses, ArrowSchema.statusEncoding()));
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
        unchanged.setSafe(row, GraphFormat.shortestDouble((float) p));
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

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- reading
}
