package dev.preflight.batch;

import dev.preflight.batch.ResultTable.Column;
import dev.preflight.batch.ResultTable.Type;
import dev.preflight.impact.Kernels;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders batch results as the output table, flat in every format (issue 15 item 7). Columns, in
 * order: {@code id, graph, policy}, {@code pins} when the batch is pinned (the row's graph's pin
 * names), {@code changed, rebuildCount}, one {@code rebuilds_<kernel>} column per kernel (distinct
 * rebuilt names, as {@code impact}'s {@code byKernel}: {@code linux} and {@code darwin} always,
 * then the other kernels of the batch's rows, sorted), one {@code rebuilds_<system>} column per
 * system of the batch's graphs (rebuilt nodes, as {@code bySystem}; sorted; a system named like a
 * kernel gets {@code rebuilds_system_<system>}), {@code labels, depth}, then {@code cutoffExpected,
 * cutoffP10, cutoffP50, cutoffP90} when any row uses the {@code cutoff} policy, {@code
 * makespanSeconds, cpuHours, cost}, {@code expectedNewFailures} with a history, then {@code error}.
 * {@code pins}, {@code changed} and {@code labels} are lists of strings ({@link
 * ResultTable.Type#STRING_LIST}). A row with an error has only its id, graph, policy and error; a
 * system the row's graph does not have is absent, not 0.
 *
 * <p><b>Rounding</b> (to what the models can tell apart, the same in every format): seconds to 0.1
 * s, CPU-hours to 0.001 h (3.6 s), money to 0.01 (cents), expected counts ({@code cutoffExpected},
 * {@code expectedNewFailures}) to 0.01; half to even ({@link RoundingMode#HALF_EVEN}).
 */
public final class BatchTable {
  /** Decimal places of seconds, CPU-hours, money and expected counts (see the class comment). */
  static final int SECONDS_DECIMALS = 1;

  static final int HOURS_DECIMALS = 3;
  static final int MONEY_DECIMALS = 2;
  static final int EXPECTED_DECIMALS = 2;

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
    Set<String> kernels = new LinkedHashSet<>(List.of(Kernels.LINUX, Kernels.DARWIN));
    Set<String> systems = new TreeSet<>();
    Set<String> otherKernels = new TreeSet<>();
    for (BatchResult r : results) {
      if (r.impact() != null) {
        otherKernels.addAll(r.impact().byKernel().keySet());
        systems.addAll(r.impact().bySystem().keySet());
      }
    }
    kernels.addAll(otherKernels);
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("id", Type.STRING));
    columns.add(new Column("graph", Type.STRING));
    columns.add(new Column("policy", Type.STRING));
    if (pinned) {
      columns.add(new Column("pins", Type.STRING_LIST));
    }
    columns.add(new Column("changed", Type.STRING_LIST));
    columns.add(new Column("rebuildCount", Type.LONG));
    for (String k : kernels) {
      columns.add(new Column("rebuilds_" + k, Type.LONG));
    }
    for (String s : systems) {
      String name = kernels.contains(s) ? "rebuilds_system_" + s : "rebuilds_" + s;
      columns.add(new Column(name, Type.LONG));
    }
    columns.add(new Column("labels", Type.STRING_LIST));
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
        row.add(pins.getOrDefault(r.graph(), List.of()));
      }
      BatchResult.Impact i = r.impact();
      if (i == null) {
        for (int k = row.size(); k < columns.size() - 1; k++) {
          row.add(null);
        }
      } else {
        row.add(i.changed());
        row.add((long) i.rebuildCount());
        for (String k : kernels) {
          row.add((long) i.kernel(k));
        }
        for (String s : systems) {
          Integer n = i.bySystem().get(s);
          row.add(n == null ? null : (long) n);
        }
        row.add(i.labels());
        row.add((long) i.depth());
        if (cutoff) {
          BatchResult.Cutoff c = i.cutoff();
          row.add(c == null ? null : round(c.expected(), EXPECTED_DECIMALS));
          row.add(c == null ? null : (long) c.p10());
          row.add(c == null ? null : (long) c.p50());
          row.add(c == null ? null : (long) c.p90());
        }
        BatchResult.Cost cost = r.cost();
        row.add(cost == null ? null : round(cost.makespanSeconds(), SECONDS_DECIMALS));
        row.add(cost == null ? null : round(cost.cpuHours(), HOURS_DECIMALS));
        row.add(cost == null ? null : round(cost.cost(), MONEY_DECIMALS));
        if (risk) {
          Double e = r.expectedNewFailures();
          row.add(e == null ? null : round(e, EXPECTED_DECIMALS));
        }
      }
      row.add(r.error());
      rows.add(row.toArray());
    }
    return new ResultTable(columns, rows);
  }

  /**
   * {@code value} rounded half to even to {@code decimals} places; NaN and infinities as they are.
   */
  static double round(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
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
    List<Object[]> out = new ArrayList<>(rows.size());
    for (ProfileRow r : rows) {
      List<Object> row = new ArrayList<>(6);
      row.add(r.graph());
      if (pinned) {
        row.add(pins.getOrDefault(r.graph(), List.of()));
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
      columns.add(new Column("pins", Type.STRING_LIST));
    }
    columns.add(new Column("name", Type.STRING));
    columns.add(new Column("system", Type.STRING));
    columns.add(new Column("rebuildCount", Type.LONG));
    columns.add(new Column("directDependents", Type.LONG));
    return new ResultTable(columns, out);
  }
}
