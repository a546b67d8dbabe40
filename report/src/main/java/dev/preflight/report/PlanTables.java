package dev.preflight.report;

import static dev.preflight.report.render.Table.Column.bool;
import static dev.preflight.report.render.Table.Column.decimal;
import static dev.preflight.report.render.Table.Column.integer;
import static dev.preflight.report.render.Table.Column.string;

import dev.preflight.report.render.ArrowTable;
import dev.preflight.report.render.Table;
import dev.preflight.risk.RiskClass;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan's parts as named rectangular tables, for {@code plan --format csv|arrow --table NAME}:
 * {@code node} (one row per rebuilt node, the columns of {@link PlanArrow}), {@code system}
 * (rebuilds and risk classes per system), {@code buildFirst} (the whole build-first list in build
 * order), and the cost tables of {@link CostTables} ({@code curve}, {@code summary}, {@code pools},
 * {@code utilization}, {@code queue}, {@code channels}, {@code criticalPath}, {@code samples}).
 * Without {@code --table}, csv stays the one long table of {@link PlanCsv} and arrow the node table
 * of {@link PlanArrow}.
 */
public final class PlanTables {
  private PlanTables() {}

  /** Every table of {@code p}. */
  public static List<Table> of(PlanReport p) {
    List<Table> out = new ArrayList<>();
    out.add(nodes(p));
    Table.Builder sys = Table.builder("system", string("system"), integer("rebuilds"));
    List<Table.Column> cols = new ArrayList<>(List.of(string("system"), integer("rebuilds")));
    for (RiskClass k : RiskClass.values()) {
      cols.add(integer(k.key()));
    }
    List<List<Object>> rows = new ArrayList<>();
    p.impact()
        .bySystem()
        .forEach(
            (s, n) -> {
              List<Object> row = new ArrayList<>(List.of(s, (long) n));
              Map<RiskClass, Integer> counts = p.risk().report().classification().bySystem().get(s);
              for (RiskClass k : RiskClass.values()) {
                row.add(counts == null ? 0L : (long) counts.get(k));
              }
              rows.add(row);
            });
    out.add(new Table(sys.build().name(), cols, rows));
    Table.Builder bf =
        Table.builder(
            "buildFirst", integer("rank"), string("id"), string("name"), string("system"));
    int[] order = p.risk().report().buildFirst().nodes();
    for (int k = 0; k < order.length; k++) {
      bf.row(
          (long) k + 1,
          p.graph().id(order[k]),
          p.graph().name(order[k]),
          p.graph().system(order[k]));
    }
    out.add(bf.build());
    out.addAll(CostTables.of(p.cost(), p.policy().label()));
    return out;
  }

  /** The names of {@link #of}, in order. */
  public static List<String> names() {
    List<String> n = new ArrayList<>(List.of("node", "system", "buildFirst"));
    n.addAll(CostTables.NAMES);
    return n;
  }

  static Table nodes(PlanReport p) {
    Table.Builder b =
        Table.builder(
            "node",
            string("id"),
            string("name"),
            string("system"),
            integer("distance"),
            decimal("durationSeconds", 3),
            string("durationSource"),
            decimal("startSeconds", 3),
            decimal("finishSeconds", 3),
            bool("criticalPath"),
            string("riskClass"),
            decimal("failureProbability", 4),
            integer("buildFirstRank"),
            integer("sampleRank"));
    for (PlanReport.Node n : p.nodes()) {
      b.row(
          n.id(),
          n.name(),
          n.system(),
          (long) n.distance(),
          n.durationSeconds(),
          n.durationSource(),
          n.startSeconds(),
          n.finishSeconds(),
          n.criticalPath(),
          n.riskClass(),
          n.failureProbability(),
          n.buildFirstRank() == null ? null : (long) n.buildFirstRank(),
          n.sampleRank() == null ? null : (long) n.sampleRank());
    }
    return b.build();
  }

  /** The CSV of table {@code name}, or the long table of {@link PlanCsv} when it is null. */
  public static String csv(PlanReport p, String name) {
    return name == null ? PlanCsv.render(p) : Table.select(of(p), name).csv();
  }

  /**
   * The Arrow file of table {@code name}: the node table of {@link PlanArrow} (int32 ranks, the
   * scalars and the JSON document in the metadata) when it is null or {@code node}, else the table
   * with {@code schemaVersion} and {@code policy} in the metadata.
   */
  public static void arrow(PlanReport p, String name, OutputStream out) throws IOException {
    if (name == null || name.equals("node")) {
      PlanArrow.write(p, out);
      return;
    }
    Table t = Table.select(of(p), name);
    ArrowTable.write(
        t,
        Map.of(
            "schemaVersion", String.valueOf(PlanReport.SCHEMA_VERSION),
            "policy", p.policy().label()),
        out);
  }
}
