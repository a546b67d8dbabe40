package dev.preflight.report.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A {@link Table} as an Arrow IPC file: one record batch, one field per column ({@code STRING}
 * utf8, {@code LONG} int64, {@code DOUBLE} float64 at full precision, {@code BOOL} bool; every
 * field nullable, a null cell a null), the table's name in the schema metadata as {@code table}
 * beside the caller's metadata.
 */
public final class ArrowTable {
  private ArrowTable() {}

  /** The Arrow schema of {@code t}. */
  public static Schema schema(Table t, Map<String, String> metadata) {
    List<Field> fields = new ArrayList<>();
    for (Table.Column c : t.columns()) {
      ArrowType type =
          switch (c.type()) {
            case STRING -> new ArrowType.Utf8();
            case LONG -> new ArrowType.Int(64, true);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case BOOL -> new ArrowType.Bool();
          };
      fields.add(new Field(c.name(), FieldType.nullable(type), null));
    }
    Map<String, String> meta = new java.util.LinkedHashMap<>();
    meta.put("table", t.name());
    meta.putAll(metadata);
    return new Schema(fields, meta);
  }

  /** Writes {@code t} with {@code metadata} to {@code out}. */
  public static void write(Table t, Map<String, String> metadata, OutputStream out)
      throws IOException {
    Schema schema = schema(t, metadata);
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.allocateNew();
      List<List<Object>> rows = t.rows();
      for (int c = 0; c < t.columns().size(); c++) {
        FieldVector v = root.getVector(c);
        for (int i = 0; i < rows.size(); i++) {
          Object x = rows.get(i).get(c);
          if (x == null) {
            v.setNull(i);
            continue;
          }
          switch (t.columns().get(c).type()) {
            case STRING ->
                ((VarCharVector) v).setSafe(i, String.valueOf(x).getBytes(StandardCharsets.UTF_8));
            case LONG -> ((BigIntVector) v).setSafe(i, ((Number) x).longValue());
            case DOUBLE -> ((Float8Vector) v).setSafe(i, ((Number) x).doubleValue());
            case BOOL -> ((BitVector) v).setSafe(i, ((Boolean) x) ? 1 : 0);
          }
        }
      }
      root.setRowCount(rows.size());
      try (ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
        writer.start();
        writer.writeBatch();
        writer.end();
      }
    }
  }
}
