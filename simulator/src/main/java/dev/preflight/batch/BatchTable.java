package dev.preflight.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.batch.ResultTable.Column;
import dev.preflight.batch.ResultTable.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders batch results as the output table. Columns, in order: {@code id, graph, policy, changed
 * (JSON array), rebuildCount, bySystem (JSON object), error}. Map and list values are JSON text so
 * that every format has the same flat schema.
 */
public final class BatchTable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BatchTable() {}

  /** The output columns. */
  public static List<Column> columns() {
    return List.of(
        new Column("id", Type.STRING),
        new Column("graph", Type.STRING),
        new Column("policy", Type.STRING),
        new Column("changed", Type.STRING),
        new Column("rebuildCount", Type.LONG),
        new Column("bySystem", Type.STRING),
        new Column("error", Type.STRING));
  }

  /** The table of {@code results}, one row each, in their order. */
  public static ResultTable of(List<BatchResult> results) {
    List<Object[]> rows = new ArrayList<>(results.size());
    for (BatchResult r : results) {
      rows.add(
          new Object[] {
            r.id(),
            r.graph(),
            r.policy(),
            json(r.changed()),
            r.rebuildCount() == null ? null : (long) r.rebuildCount(),
            r.ok() ? json(r.bySystem()) : null,
            r.error()
          });
    }
    return new ResultTable(columns(), rows);
  }

  /** The profile table: {@code graph, name, system, rebuildCount, directDependents}. */
  public static ResultTable profile(List<ProfileRow> rows) {
    List<Object[]> out = new ArrayList<>(rows.size());
    for (ProfileRow r : rows) {
      out.add(
          new Object[] {
            r.graph(), r.name(), r.system(), (long) r.rebuildCount(), (long) r.directDependents()
          });
    }
    return new ResultTable(
        List.of(
            new Column("graph", Type.STRING),
            new Column("name", Type.STRING),
            new Column("system", Type.STRING),
            new Column("rebuildCount", Type.LONG),
            new Column("directDependents", Type.LONG)),
        out);
  }

  static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
