package dev.preflight.report;

import dev.preflight.cost.CostReport;
import dev.preflight.graph.io.Csv;
import dev.preflight.report.render.Table;
import dev.preflight.risk.RiskClass;
import dev.preflight.risk.RiskReport;
import java.util.List;
import java.util.Map;

/**
 * The plan as one long ("tidy") RFC 4180 table with the header {@code section,key,field,value}: a
 * plan has parts of different shapes (scalars, per-system counts, a curve, a path, one row per
 * rebuilt node), and one four-column table holds them all in one file that {@code pandas.read_csv}
 * or DuckDB's {@code read_csv} loads without options. A section's rows pivot into its own table:
 * {@code df[df.section == "node"].pivot(index="key", columns="field", values="value")}.
 *
 * <p>Sections, in this order: {@code summary} (key empty), {@code changed}, {@code pin} (only with
 * {@code --pin}) and {@code label} (key: 1-based position), {@code system} (key: system), {@code
 * kernel} (key: kernel), {@code curve} (key: cluster multiple; with {@code --samples} also its p50
 * and p90), {@code channel} (key: channel), {@code criticalPath} (key: 1-based step, inputs first),
 * {@code pool} (key: pool), {@code utilization} and {@code queue} (key: 1-based time bin; fields:
 * the bin's start in seconds and its value), {@code samples} (only with {@code --samples}; key
 * empty), {@code node} (key: node id, rows ordered by name, system, id). One rectangular table per
 * part: {@code --table NAME} ({@link PlanTables}). Within a key the fields come in a fixed order.
 * Numbers are plain decimals (seconds, hours, money rounded to 3–4 places), booleans {@code
 * true}/{@code false}, absent values an empty field.
 */
public final class PlanCsv {
  private PlanCsv() {}

  public static String render(PlanReport p) {
    Csv csv = new Csv().row("section", "key", "field", "value");
    CostReport c = p.cost();
    RiskReport r = p.risk().report();
    String s = "summary";
    csv.row(s, "", "schemaVersion", PlanReport.SCHEMA_VERSION);
    csv.row(s, "", "policy", p.policy().label());
    csv.row(s, "", "order", c.order());
    csv.row(s, "", "orderDefault", c.defaultOrder());
    csv.row(s, "", "placement", c.placement().rule().label());
    csv.row(s, "", "rebuildCount", p.impact().rebuildCount());
    csv.row(s, "", "depth", p.impact().depth());
    csv.row(s, "", "deadlineSeconds", num(p.deadlineSeconds(), 3));
    csv.row(s, "", "makespanSeconds", num(c.makespanSeconds(), 3));
    csv.row(s, "", "fits", p.fits());
    csv.row(
        s,
        "",
        "smallestFittingSize",
        p.smallestFittingSize() == null ? "" : p.smallestFittingSize());
    if (c.samples() != null) {
      // Only with --samples: the verdict then follows the sampled makespans (PlanReport.fits).
      csv.row(s, "", "verdictRule", "makespanP90 <= deadlineSeconds");
      csv.row(s, "", "samplesWithinDeadline", c.samples().within(p.deadlineSeconds()));
      csv.row(s, "", "probabilityWithinDeadline", num(p.probabilityWithinDeadline(), 4));
    }
    csv.row(s, "", "verdict", p.verdict());
    csv.row(s, "", "cluster", c.cluster());
    csv.row(s, "", "scheduler", c.scheduler());
    csv.row(s, "", "slots", c.slots());
    csv.row(s, "", "cycles", c.cycles());
    csv.row(s, "", "cycleMembers", c.cycleMembers());
    csv.row(s, "", "cpuHours", num(c.cpuHours(), 4));
    csv.row(s, "", "cost", num(c.cost(), 4));
    csv.row(s, "", "currency", c.currency());
    csv.row(s, "", "peakMachines", c.peakMachines());
    csv.row(s, "", "lowerBoundSeconds", num(c.lowerBoundSeconds(), 3));
    csv.row(s, "", "criticalPathSeconds", num(c.criticalPathSeconds(), 3));
    for (RiskClass k : RiskClass.values()) {
      csv.row(s, "", k.key(), r.classification().count(k));
    }
    csv.row(s, "", "expectedNewFailures", num(r.expectedNewFailures(), 2));
    csv.row(s, "", "expectedNewFailuresLow", num(r.interval().low(), 2));
    csv.row(s, "", "expectedNewFailuresHigh", num(r.interval().high(), 2));
    csv.row(s, "", "confidence", num(r.interval().confidence(), 4));

    positions(csv, "changed", "name", p.changes().resolvedNames());
    positions(csv, "pin", "name", p.graph().pinNames());
    positions(csv, "label", "text", p.impact().labels());
    Map<String, Integer> bySystem = p.impact().bySystem();
    for (Map.Entry<String, Integer> e : bySystem.entrySet()) {
      csv.row("system", e.getKey(), "rebuilds", e.getValue());
      Map<RiskClass, Integer> counts = r.classification().bySystem().get(e.getKey());
      for (RiskClass k : RiskClass.values()) {
        csv.row("system", e.getKey(), k.key(), counts == null ? 0 : counts.get(k));
      }
    }
    p.impact().byKernel().forEach((k, v) -> csv.row("kernel", k, "rebuilds", v));
    for (CostReport.CurvePoint cp : c.curve()) {
      String key = String.valueOf(cp.size());
      csv.row("curve", key, "machines", cp.machines());
      csv.row("curve", key, "peakMachines", cp.peakMachines());
      csv.row("curve", key, "meanMachines", num(cp.meanMachines(), 3));
      csv.row("curve", key, "slots", cp.slots());
      csv.row("curve", key, "makespanSeconds", num(cp.makespanSeconds(), 3));
      csv.row("curve", key, "cost", num(cp.cost(), 4));
      csv.row("curve", key, "cpuHours", num(cp.cpuHours(), 4));
      // The verdict's rule at each size: with samples, the sampled p90 (PlanReport.fits).
      csv.row(
          "curve",
          key,
          "fits",
          PlanReport.fits(
              cp.makespanSeconds(),
              c.samples() == null ? null : cp.samples(),
              p.deadlineSeconds()));
      if (cp.samples() != null) {
        csv.row("curve", key, "makespanP50", num(cp.samples().makespanP50(), 3));
        csv.row("curve", key, "makespanP90", num(cp.samples().makespanP90(), 3));
        csv.row("curve", key, "costP50", num(cp.samples().costP50(), 4));
        csv.row("curve", key, "costP90", num(cp.samples().costP90(), 4));
      }
    }
    c.channels().forEach((k, v) -> csv.row("channel", k, "readySeconds", num(v, 3)));
    List<CostReport.PathStep> path = c.criticalPath();
    for (int i = 0; i < path.size(); i++) {
      String key = String.valueOf(i + 1);
      csv.row("criticalPath", key, "id", path.get(i).id());
      csv.row("criticalPath", key, "name", path.get(i).name());
      csv.row("criticalPath", key, "seconds", num(path.get(i).seconds(), 3));
    }
    for (CostReport.PoolCost pool : c.pools()) {
      csv.row("pool", pool.name(), "machineHours", num(pool.machineHours(), 4));
      csv.row("pool", pool.name(), "cost", num(pool.cost(), 4));
    }
    for (int i = 0; i < c.utilization().size(); i++) {
      CostReport.SeriesPoint u = c.utilization().get(i);
      csv.row("utilization", i + 1, "seconds", num(u.seconds(), 3));
      csv.row("utilization", i + 1, "fraction", num(u.value(), 4));
    }
    for (int i = 0; i < c.queue().size(); i++) {
      CostReport.SeriesPoint q = c.queue().get(i);
      csv.row("queue", i + 1, "seconds", num(q.seconds(), 3));
      csv.row("queue", i + 1, "runnable", num(q.value(), 4));
    }
    if (c.samples() != null) {
      CostReport.Samples sm = c.samples();
      csv.row("samples", "", "count", sm.count());
      csv.row("samples", "", "seed", sm.seed());
      csv.row("samples", "", "makespanP50", num(sm.makespanP50(), 3));
      csv.row("samples", "", "makespanP90", num(sm.makespanP90(), 3));
      csv.row("samples", "", "costP50", num(sm.costP50(), 4));
      csv.row("samples", "", "costP90", num(sm.costP90(), 4));
    }
    for (PlanReport.Node n : p.nodes()) {
      String k = n.id();
      csv.row("node", k, "name", n.name());
      csv.row("node", k, "system", n.system());
      csv.row("node", k, "distance", n.distance());
      csv.row("node", k, "durationSeconds", num(n.durationSeconds(), 3));
      csv.row("node", k, "durationSource", n.durationSource());
      csv.row("node", k, "startSeconds", num(n.startSeconds(), 3));
      csv.row("node", k, "finishSeconds", num(n.finishSeconds(), 3));
      csv.row("node", k, "criticalPath", n.criticalPath());
      csv.row("node", k, "riskClass", n.riskClass());
      csv.row("node", k, "failureProbability", num(n.failureProbability(), 4));
      csv.row("node", k, "buildFirstRank", n.buildFirstRank() == null ? "" : n.buildFirstRank());
      csv.row("node", k, "sampleRank", n.sampleRank() == null ? "" : n.sampleRank());
    }
    return csv.toString();
  }

  private static void positions(Csv csv, String section, String field, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      csv.row(section, i + 1, field, values.get(i));
    }
  }

  /** {@code x} rounded to {@code decimals} places, without trailing zeros or exponent. */
  public static String num(double x, int decimals) {
    return Table.plain(x, decimals);
  }
}
