package dev.preflight.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.batch.ResultTable.Column;
import dev.preflight.batch.ResultTable.Type;
import dev.preflight.impact.Kernels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders batch results as the output table. Columns, in order: {@code id, graph, policy}, {@code
 * pins} when the batch is pinned (the row's graph's pin names, JSON array), {@code changed,
 * rebuildCount, linuxRebuilds, darwinRebuilds, byKernel, bySystem, labels, depth}, then {@code
 * cutoffExpected, cutoffP10, cutoffP50, cutoffP90} when any row uses the {@code cutoff} policy,
 * then {@code error}. {@code changed}, {@code byKernel}, {@code bySystem} and {@code labels} are
 * JSON text (array or object) so that every format has the same flat schema; a row with an error
 * has only its id, graph, policy and error.
 */
public final class BatchTable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BatchTable() {}

  /**
   * The table of {@code results}, one row each, in their order.
   *
   * @param withHistory whether the batch had a history (the {@code expectedNewFailures} column)
   */
  public static ResultTable of(List<BatchResult> results, boolean withHistory) {
    return of(results, withHistory, Map.of());
  }

  /**
   * The table of {@code results}, with a {@code pins} column when {@code pins} is not empty.
   *
   * @param pins the pinned graphs' pin names by label ({@link BatchGraphs#pinNames})
   */
  public static ResultTable of(
      List<BatchResult> results, boolean withHistory, Map<String, List<String>> pins) {
    boolean pinned = !pins.isEmpty();
    boolean cutoff = results.stream().anyMatch(r -> r.policy().equals("cutoff"));
    boolean risk = withHistory;
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("id", Type.STRING));
    columns.add(new Column("graph", Type.STRING));
    columns.add(new Column("policy", Type.STRING));
    if (pinned) {
      columns.add(new Column("pins", Type.STRING));
    }
    columns.add(new Column("changed", Type.STRING));
    columns.add(new Column("rebuildCount", Type.LONG));
    columns.add(new Column("linuxRebuilds", Type.LONG));
    columns.add(new Column("darwinRebuilds", Type.LONG));
    columns.add(new Column("byKernel", Type.STRING));
    columns.add(new Column("bySystem", Type.STRING));
    columns.add(new Column("labels", Type.STRING));
    columns.add(new Column("depth", Type.LONG));
    if (cutoff) {
      columns.add(new Column("cutoffExpected", Type.DOUBLE));
      columns.add(new Column("cutoffP10", Type.LONG));
      columns.add(new Column("cutoffP50", Type.LONG));
      columns.add(new Column("cutoffP90", Type.LONG));
    }
    columns.add(new Column("makespanSeconds", Type.DOUBLE));
    columns.add(new Column("cpuHours", Type.DOUBLE));
    columns.add(new Column("cost", Type.DOUBLE));
    if (risk) {
      columns.add(new Column("expectedNewFailures", Type.DOUBLE));
    }
    columns.add(new Column("error", Type.STRING));
    List<Object[]> rows = new ArrayList<>(results.size());
    for (BatchResult r : results) {
      List<Object> row = new ArrayList<>(columns.size());
      row.add(r.id());
      row.add(r.graph());
      row.add(r.policy());
      if (pinned) {
        row.add(json(pins.getOrDefault(r.graph(), List.of())));
      }
      BatchResult.Impact i = r.impact();
      if (i == null) {
        for (int k = row.size(); k < columns.size() - 1; k++) {
          row.add(null);
        }
      } else {
        row.add(json(i.changed()));
        row.add((long) i.rebuildCount());
        row.add((long) i.kernel(Kernels.LINUX));
        row.add((long) i.kernel(Kernels.DARWIN));
        row.add(json(i.byKernel()));
        row.add(json(i.bySystem()));
        row.add(json(i.labels()));
        row.add((long) i.depth());
        if (cutoff) {
          BatchResult.Cutoff c = i.cutoff();
          row.add(c == null ? null : c.expected());
          row.add(c == null ? null : (long) c.p10());
          row.add(c == null ? null : (long) c.p50());
          row.add(c == null ? null : (long) c.p90());
        }
        BatchResult.Cost cost = r.cost();
        row.add(cost == null ? null : cost.makespanSeconds());
        row.add(cost == null ? null : cost.cpuHours());
        row.add(cost == null ? null : cost.cost());
        if (risk) {
          row.add(r.expectedNewFailures());
        }
      }
      row.add(r.error());
      rows.add(row.toArray());
    }
    return new ResultTable(columns, rows);
  }

  /** The profile table: {@code graph, name, system, rebuildCount, directDependents}. */
  public static ResultTable profile(List<ProfileRow> rows) {
    return profile(rows, Map.of());
  }

  /**
   * The profile table, with a {@code pins} column after {@code graph} when {@code pins} is not
   * empty.
   *
   * @param pins the pinned graphs' pin names by label ({@link BatchGraphs#pinNames})
   */
  public static ResultTable profile(List<ProfileRow> rows, Map<String, List<String>> pins) {
    boolean pinned = !pins.isEmpty();
    Map<String, String> pinsJson = new HashMap<>();
    pins.forEach((label, names) -> pinsJson.put(label, json(names)));
    List<Object[]> out = new ArrayList<>(rows.size());
    for (ProfileRow r : rows) {
      List<Object> row = new ArrayList<>(6);
      row.add(r.graph());
      if (pinned) {
        row.add(pinsJson.getOrDefault(r.graph(), "[]"));
      }
      row.add(r.name());
      row.add(r.system());
      row.add((long) r.rebuildCount());
      row.add((long) r.directDependents());
      out.add(row.toArray());
    }
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("graph", Type.STRING));
    if (pinned) {
      columns.add(new Column("pins", Type.STRING));
    }
    columns.add(new Column("name", Type.STRING));
    columns.add(new Column("system", Type.STRING));
    columns.add(new Column("rebuildCount", Type.LONG));
    columns.add(new Column("directDependents", Type.LONG));
    return new ResultTable(columns, out);
  }

  static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
