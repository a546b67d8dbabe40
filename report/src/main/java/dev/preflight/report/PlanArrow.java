package dev.preflight.report;

import dev.preflight.risk.RiskReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The plan as an Arrow IPC file: one record batch with one row per rebuilt node (ordered by name,
 * system, id) and the columns
 *
 * <pre>
 * id, name, system               utf8
 * distance                       int32    edges from the nearest changed node (0: changed)
 * durationSeconds                float64  expected build seconds at speed 1
 * durationSource                 utf8     history, graph, size or default
 * startSeconds, finishSeconds    float64  the job's start and finish in the simulated schedule
 * criticalPath                   bool     on the duration-weighted critical path
 * riskClass                      utf8     newlyAtRisk, alreadyBroken or unknown
 * failureProbability             float64  probability it does not build
 * buildFirstRank, sampleRank     int32    1-based position in the build-first list / sample, null
 * </pre>
 *
 * The schema's custom metadata carries the scalars: {@code schemaVersion}, {@code policy}, {@code
 * fits}, {@code deadlineSeconds}, {@code makespanSeconds}, {@code smallestFittingSize} (empty when
 * none fits), {@code rebuildCount}, {@code cpuHours}, {@code cost}, {@code currency}, {@code
 * expectedNewFailures}, with {@code --samples} {@code probabilityWithinDeadline}, {@code verdict},
 * and {@code plan}: the whole {@code --format json} document (sections of other shapes: per-system
 * counts, labels, the cost curve, channels, the critical path).
 */
public final class PlanArrow {
  private PlanArrow() {}

  private static Field utf8(String name) {
    return new Field(name, FieldType.notNullable(new ArrowType.Utf8()), null);
  }

  private static Field int32(String name, boolean nullable) {
    ArrowType t = new ArrowType.Int(32, true);
    return new Field(name, nullable ? FieldType.nullable(t) : FieldType.notNullable(t), null);
  }

  private static Field float64(String name) {
    return new Field(
        name,
        FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        null);
  }

  public static final List<Field> FIELDS =
      List.of(
          utf8("id"),
          utf8("name"),
          utf8("system"),
          int32("distance", false),
          float64("durationSeconds"),
          utf8("durationSource"),
          float64("startSeconds"),
          float64("finishSeconds"),
          new Field("criticalPath", FieldType.notNullable(new ArrowType.Bool()), null),
          utf8("riskClass"),
          float64("failureProbability"),
          int32("buildFirstRank", true),
          int32("sampleRank", true));

  public static Map<String, String> metadata(PlanReport p) throws IOException {
    RiskReport r = p.risk().report();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("schemaVersion", String.valueOf(PlanReport.SCHEMA_VERSION));
    m.put("policy", p.policy().label());
    m.put("order", p.cost().order());
    m.put("orderDefault", String.valueOf(p.cost().defaultOrder()));
    m.put("fits", String.valueOf(p.fits()));
    m.put("deadlineSeconds", PlanCsv.num(p.deadlineSeconds(), 3));
    m.put("makespanSeconds", PlanCsv.num(p.cost().makespanSeconds(), 3));
    m.put(
        "smallestFittingSize",
        p.smallestFittingSize() == null ? "" : String.valueOf(p.smallestFittingSize()));
    m.put("rebuildCount", String.valueOf(p.impact().rebuildCount()));
    m.put("cpuHours", PlanCsv.num(p.cost().cpuHours(), 4));
    m.put("cost", PlanCsv.num(p.cost().cost(), 4));
    m.put("currency", p.cost().currency());
    m.put("expectedNewFailures", PlanCsv.num(r.expectedNewFailures(), 2));
    if (p.probabilityWithinDeadline() != null) {
      m.put("probabilityWithinDeadline", PlanCsv.num(p.probabilityWithinDeadline(), 4));
    }
    m.put("verdict", p.verdict());
    m.put("plan", Json.pretty(PlanJson.document(p, false)));
    return m;
  }

  public static void write(PlanReport p, OutputStream out) throws IOException {
    Schema schema = new Schema(FIELDS, metadata(p));
    List<PlanReport.Node> rows = p.nodes();
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.allocateNew();
      VarCharVector id = (VarCharVector) root.getVector("id");
      VarCharVector name = (VarCharVector) root.getVector("name");
      VarCharVector system = (VarCharVector) root.getVector("system");
      IntVector distance = (IntVector) root.getVector("distance");
      Float8Vector duration = (Float8Vector) root.getVector("durationSeconds");
      VarCharVector source = (VarCharVector) root.getVector("durationSource");
      Float8Vector start = (Float8Vector) root.getVector("startSeconds");
      Float8Vector finish = (Float8Vector) root.getVector("finishSeconds");
      BitVector critical = (BitVector) root.getVector("criticalPath");
      VarCharVector riskClass = (VarCharVector) root.getVector("riskClass");
      Float8Vector failure = (Float8Vector) root.getVector("failureProbability");
      IntVector buildFirst = (IntVector) root.getVector("buildFirstRank");
      IntVector sample = (IntVector) root.getVector("sampleRank");
      for (int i = 0; i < rows.size(); i++) {
        PlanReport.Node n = rows.get(i);
        id.setSafe(i, utf8Bytes(n.id()));
        name.setSafe(i, utf8Bytes(n.name()));
        system.setSafe(i, utf8Bytes(n.system()));
        distance.setSafe(i, n.distance());
        duration.setSafe(i, n.durationSeconds());
        source.setSafe(i, utf8Bytes(n.durationSource()));
        start.setSafe(i, n.startSeconds());
        finish.setSafe(i, n.finishSeconds());
        critical.setSafe(i, n.criticalPath() ? 1 : 0);
        riskClass.setSafe(i, utf8Bytes(n.riskClass()));
        failure.setSafe(i, n.failureProbability());
        if (n.buildFirstRank() == null) {
          buildFirst.setNull(i);
        } else {
          buildFirst.setSafe(i, n.buildFirstRank());
        }
        if (n.sampleRank() == null) {
          sample.setNull(i);
        } else {
          sample.setSafe(i, n.sampleRank());
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

  private static byte[] utf8Bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
