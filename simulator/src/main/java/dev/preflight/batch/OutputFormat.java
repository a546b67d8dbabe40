package dev.preflight.batch;

import dev.preflight.graph.InputException;
import dev.preflight.graph.io.AtomicFiles;
import dev.preflight.graph.io.Csv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The batch output formats, chosen by the output file's extension. Every format writes one file, on
 * the driver, through a temporary file and a rename ({@link AtomicFiles}): a failed run leaves
 * nothing behind, and the result is one file whatever the master (Spark's own Parquet writer would
 * leave a folder of part files on the executors' file systems).
 *
 * <p>Output is deterministic: the same table gives the same rows in the same order. CSV and Arrow
 * files are byte-identical from run to run; Parquet files have identical content, but parquet-mr
 * lists each column's encodings in its footer in the order of a {@code HashSet} of enum constants,
 * which can differ between JVM runs (within one JVM it is stable).
 */
public enum OutputFormat {
  /** RFC 4180 CSV with a header line; absent values are empty fields. */
  CSV(List.of(".csv")) {
    @Override
    void writeTo(ResultTable table, Path tmp) throws IOException {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        List<ResultTable.Column> cols = table.columns();
        Csv csv = new Csv(w);
        csv.row(cols.stream().map(ResultTable.Column::name).toList());
        String[] cells = new String[cols.size()];
        for (Object[] row : table.rows()) {
          for (int c = 0; c < row.length; c++) {
            cells[c] = csvCell(cols.get(c).type(), row[c]);
          }
          csv.row((Object[]) cells);
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  },
  /** An Arrow IPC file (Feather v2), one record batch per 64 Ki rows. */
  ARROW(List.of(".arrow", ".feather")) {
    @Override
    void writeTo(ResultTable table, Path tmp) throws IOException {
      writeArrow(table, tmp);
    }
  },
  /**
   * One Parquet file (dictionary-encoded, uncompressed: batch outputs are small, and a codec would
   * extract a native library), written without Hadoop file systems.
   */
  PARQUET(List.of(".parquet")) {
    @Override
    void writeTo(ResultTable table, Path tmp) throws IOException {
      writeParquet(table, tmp);
    }
  };

  /** Schema version written into Arrow and Parquet metadata. */
  public static final String SCHEMA_VERSION = "1";

  private static final int ARROW_BATCH = 1 << 16;

  private final List<String> extensions;

  OutputFormat(List<String> extensions) {
    this.extensions = extensions;
  }

  public List<String> extensions() {
    return extensions;
  }

  abstract void writeTo(ResultTable table, Path tmp) throws IOException;

  /** Writes {@code table} to {@code file} atomically. */
  public void write(ResultTable table, Path file) {
    AtomicFiles.write(file, tmp -> writeTo(table, tmp));
  }

  /** The format of {@code file}'s extension, or an error listing the known extensions. */
  public static OutputFormat forPath(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (OutputFormat f : values()) {
      for (String ext : f.extensions) {
        if (name.endsWith(ext)) {
          return f;
        }
      }
    }
    throw new InputException(
        file.toString(),
        null,
        "cannot tell the output format from the file name (known extensions: "
            + Arrays.stream(values())
                .flatMap(f -> f.extensions.stream())
                .collect(Collectors.joining(", "))
            + ")");
  }

  // ---------------------------------------------------------------- CSV

  static String csvCell(ResultTable.Type type, Object v) {
    if (v == null) {
      return "";
    }
    return switch (type) {
      case STRING -> (String) v;
      case LONG -> v.toString();
      case DOUBLE -> {
        Double d = ResultTable.present(v);
        yield d == null ? "" : plain(d);
      }
      case STRING_LIST -> String.join(";", strings(v));
    };
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object v) {
    return (List<String>) v;
  }

  /** A double without exponent notation, shortest round-tripping digits. */
  static String plain(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return BigDecimal.valueOf(d).toPlainString();
  }

  // ---------------------------------------------------------------- Arrow

  private static void writeArrow(ResultTable table, Path tmp) throws IOException {
    List<Field> fields = new ArrayList<>();
    for (ResultTable.Column c : table.columns()) {
      if (c.type() == ResultTable.Type.STRING_LIST) {
        // "item", the child name pyarrow and Arrow C++ give a list's values.
        Field item = new Field("item", FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
        fields.add(new Field(c.name(), FieldType.nullable(ArrowType.List.INSTANCE), List.of(item)));
        continue;
      }
      ArrowType t =
          switch (c.type()) {
            case STRING -> ArrowType.Utf8.INSTANCE;
            case LONG -> new ArrowType.Int(64, true);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case STRING_LIST -> throw new AssertionError();
          };
      fields.add(new Field(c.name(), FieldType.nullable(t), null));
    }
    Schema schema = new Schema(fields, Map.of("preflight.schemaVersion", SCHEMA_VERSION));
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        OutputStream out = Files.newOutputStream(tmp);
        ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
      writer.start();
      List<Object[]> rows = table.rows();
      for (int from = 0; from < rows.size() || from == 0; from += ARROW_BATCH) {
        int to = Math.min(rows.size(), from + ARROW_BATCH);
        root.allocateNew();
        for (int c = 0; c < fields.size(); c++) {
          FieldVector vector = root.getVector(c);
          for (int r = from; r < to; r++) {
            setArrow(vector, r - from, rows.get(r)[c]);
          }
        }
        root.setRowCount(to - from);
        writer.writeBatch();
        if (to >= rows.size()) {
          break;
        }
      }
      writer.end();
    }
  }

  private static void setArrow(FieldVector vector, int i, Object v) {
    if (vector instanceof ListVector list) {
      if (v == null) {
        list.setNull(i);
        return;
      }
      VarCharVector items = (VarCharVector) list.getDataVector();
      List<String> values = strings(v);
      int start = list.startNewValue(i);
      for (int k = 0; k < values.size(); k++) {
        items.setSafe(start + k, values.get(k).getBytes(StandardCharsets.UTF_8));
      }
      list.endValue(i, values.size());
    } else if (vector instanceof VarCharVector s) {
      if (v == null) {
        s.setNull(i);
      } else {
        s.setSafe(i, ((String) v).getBytes(StandardCharsets.UTF_8));
      }
    } else if (vector instanceof BigIntVector l) {
      if (v == null) {
        l.setNull(i);
      } else {
        l.setSafe(i, (Long) v);
      }
    } else if (vector instanceof Float8Vector d) {
      Double x = ResultTable.present(v);
      if (x == null) {
        d.setNull(i);
      } else {
        d.setSafe(i, x);
      }
    } else {
      throw new IllegalStateException("unexpected vector " + vector.getClass());
    }
  }

  // ---------------------------------------------------------------- Parquet

  private static void writeParquet(ResultTable table, Path tmp) throws IOException {
    Types.MessageTypeBuilder mb = Types.buildMessage();
    for (ResultTable.Column c : table.columns()) {
      switch (c.type()) {
        case STRING ->
            mb.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(c.name());
        case LONG -> mb.optional(PrimitiveTypeName.INT64).named(c.name());
        case DOUBLE -> mb.optional(PrimitiveTypeName.DOUBLE).named(c.name());
        // The standard three-level LIST (parquet-format LogicalTypes.md, "Lists"): optional
        // group NAME (LIST) { repeated group list { optional binary element (STRING) } }.
        case STRING_LIST ->
            mb.optionalList()
                .optionalElement(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(c.name());
      }
    }
    MessageType schema = mb.named("preflight_batch");
    try (ParquetWriter<Object[]> writer =
        new RowParquetWriter.Builder(new LocalOutputFile(tmp), table.columns(), schema)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            // No Hadoop configuration and no native codec: nothing extracted to /tmp, faster start.
            .withConf(new PlainParquetConfiguration())
            .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
            .withExtraMetaData(Map.of("preflight.schemaVersion", SCHEMA_VERSION))
            .build()) {
      for (Object[] row : table.rows()) {
        writer.write(row);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
