package dev.preflight.report;

import dev.preflight.impact.ImpactProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The impact profile as an Arrow IPC file: one record batch with the columns {@code name}, {@code
 * system} (utf8), {@code rebuildCount}, {@code directDependents} (int32), rows in the profile's
 * order, and {@code schemaVersion} in the schema metadata; for a pinned graph also {@code pins},
 * the pin names as a JSON array (only then, so an unpinned file stays byte for byte as it was).
 */
public final class ProfileArrow {
  public static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("name", FieldType.notNullable(new ArrowType.Utf8()), null),
              new Field("system", FieldType.notNullable(new ArrowType.Utf8()), null),
              new Field("rebuildCount", FieldType.notNullable(new ArrowType.Int(32, true)), null),
              new Field(
                  "directDependents", FieldType.notNullable(new ArrowType.Int(32, true)), null)),
          Map.of("schemaVersion", "1"));

  private ProfileArrow() {}

  /** {@link #SCHEMA}, with the pin names in its metadata when there are any. */
  public static Schema schema(List<String> pins) throws IOException {
    if (pins.isEmpty()) {
      return SCHEMA;
    }
    Map<String, String> metadata = new LinkedHashMap<>(SCHEMA.getCustomMetadata());
    metadata.put("pins", Json.pretty(pins));
    return new Schema(SCHEMA.getFields(), metadata);
  }

  public static void write(List<ImpactProfile.Row> rows, List<String> pins, OutputStream out)
      throws IOException {
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(pins), allocator)) {
      VarCharVector name = (VarCharVector) root.getVector("name");
      VarCharVector system = (VarCharVector) root.getVector("system");
      IntVector count = (IntVector) root.getVector("rebuildCount");
      IntVector direct = (IntVector) root.getVector("directDependents");
      root.allocateNew();
      for (int i = 0; i < rows.size(); i++) {
        ImpactProfile.Row r = rows.get(i);
        name.setSafe(i, r.name().getBytes(StandardCharsets.UTF_8));
        system.setSafe(i, r.system().getBytes(StandardCharsets.UTF_8));
        count.setSafe(i, r.rebuildCount());
        direct.setSafe(i, r.directDependents());
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
