package dev.preflight.report;

import dev.preflight.cost.CostReport;
import dev.preflight.impact.ImpactReport;
import dev.preflight.report.render.Axis;
import dev.preflight.report.render.Html;
import dev.preflight.risk.BuildFirst;
import dev.preflight.risk.RiskReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as one self-contained HTML page: the verdict, a summary, rebuilds per system, makespan
 * and cost over cluster size, utilization and queue over time, the critical path, channel
 * milestones (only when the graph has channels) and sortable risk tables with the whole build-first
 * list. Names pass through {@link Html#escape}. Risk classes are spelled as everywhere else ({@link
 * dev.preflight.risk.RiskClass#key}: {@code newlyAtRisk}).
 */
public final class PlanHtml {
  /**
   * Bars of the critical-path chart at most: the longest builds, the rest counted under the chart
   * (the full path is in the CSV and Arrow exports).
   */
  public static final int MAX_BARS = 40;

  private PlanHtml() {}

  /** Whether the curve has bands to draw: percentiles at every size, over more than one draw. */
  private static boolean hasCurveSamples(CostReport c) {
    return !c.curve().isEmpty()
        && c.curve().stream().allMatch(x -> x.samples() != null && x.samples().count() > 1);
  }

  /**
   * Makespan over cluster size: a log2 axis when the sizes double, the deadline as a dashed line
   * (the verdict's deadline: {@code --deadline}, 24 h unless given), and with {@code --samples} the
   * p50 to p90 band of the sampled makespans at each size.
   */
  private static void makespanChart(Html h, PlanReport p) {
    CostReport c = p.cost();
    if (c.curve().isEmpty()) {
      return;
    }
    double[] sizes = c.curve().stream().mapToDouble(CostReport.CurvePoint::size).toArray();
    List<Html.Band> bands = new ArrayList<>();
    List<Html.Series> series = new ArrayList<>();
    series.add(
        new Html.Series(
            "makespan, expected durations",
            c.curve().stream().mapToDouble(x -> x.makespanSeconds() / 3600).toArray()));
    if (hasCurveSamples(c)) {
      bands.add(
          new Html.Band(
              Fmt.format("p50 to p90, %,d samples", c.curve().get(0).samples().count()),
              c.curve().stream().mapToDouble(x -> x.samples().makespanP50() / 3600).toArray(),
              c.curve().stream().mapToDouble(x -> x.samples().makespanP90() / 3600).toArray()));
    }
    h.lineChart(
        new Html.LineChart(
            "Makespan over cluster size",
            "cluster size, multiple of " + c.cluster(),
            "hours",
            sizes,
            Axis.forSizes(sizes),
            series,
            bands,
            List.of(
                new Html.Rule(
                    "deadline",
                    p.deadlineSeconds() / 3600,
                    "deadline " + Fmt.hours(p.deadlineSeconds())))));
  }

  /** Every row of the build-first list, with what the list is and what it costs. */
  private static void buildFirst(Html h, PlanReport p) {
    BuildFirst.Result bf = p.risk().report().buildFirst();
    int[] order = bf.nodes();
    if (order.length == 0) {
      return;
    }
    Map<String, PlanReport.Node> byId = new HashMap<>();
    for (PlanReport.Node n : p.nodes()) {
      byId.put(n.id(), n);
    }
    List<List<String>> rows = new ArrayList<>();
    for (int k = 0; k < order.length; k++) {
      String id = p.graph().id(order[k]);
      PlanReport.Node n = byId.get(id);
      rows.add(
          List.of(
              String.valueOf(k + 1),
              id,
              n == null ? "" : n.riskClass(),
              n == null ? "" : Fmt.format("%.3f", n.failureProbability()),
              n == null ? "" : Fmt.format("%.2f", n.durationSeconds() / 3600)));
    }
    h.table(
        Fmt.format(
            "Build these first (most expected failures found per CPU-hour), in build order: all"
                + " %,d builds, %.2f of %.2f CPU-hours budget (the whole rebuild: %.2f)",
            order.length, bf.hours(), bf.budgetHours(), bf.totalHours()),
        List.of("#", "build", "class", "p(fail)", "hours at speed 1"),
        rows);
  }

  public static String render(PlanReport p) {
    Html h = new Html("Preflight plan: " + String.join(", ", p.changes().resolvedNames()));
    h.verdict(p.verdict(), p.fits());
    ImpactReport i = p.impact();
    CostReport c = p.cost();
    RiskReport r = p.risk().report();
    List<String[]> facts = new ArrayList<>();
    facts.add(new String[] {"policy", p.policy().label()});
    facts.add(new String[] {"build order", CostRenderer.orderText(c)});
    facts.add(new String[] {"placement", CostRenderer.placementText(c.placement())});
    if (!p.graph().pinNames().isEmpty()) {
      facts.add(new String[] {"pins", String.join(", ", p.graph().pinNames())});
    }
    facts.add(new String[] {"rebuilds", Fmt.format("%,d", i.rebuildCount())});
    facts.add(new String[] {"labels", String.join(", ", i.labels())});
    facts.add(new String[] {"makespan", Fmt.hours(c.makespanSeconds())});
    facts.add(new String[] {"CPU-hours", Fmt.format("%,.1f", c.cpuHours())});
    facts.add(new String[] {"cost", Fmt.money(c.cost(), c.currency())});
    facts.add(new String[] {"critical path", Fmt.hours(c.criticalPathSeconds())});
    facts.add(
        new String[] {
          "expected new failures",
          Fmt.format(
              "%.1f (%.0f%% interval %.1f to %.1f)",
              r.expectedNewFailures(),
              100 * r.interval().confidence(),
              r.interval().low(),
              r.interval().high())
        });
    h.heading("Summary").facts(facts);

    h.heading("Impact");
    h.barChart(
        "Rebuilds per system",
        new ArrayList<>(i.bySystem().keySet()),
        i.bySystem().values().stream().map(Integer::doubleValue).toList());

    h.heading("Cost");
    makespanChart(h, p);
    double[] sizes = c.curve().stream().mapToDouble(CostReport.CurvePoint::size).toArray();
    List<Html.Band> costBands = new ArrayList<>();
    if (hasCurveSamples(c)) {
      costBands.add(
          new Html.Band(
              "p50 to p90",
              c.curve().stream().mapToDouble(x -> x.samples().costP50()).toArray(),
              c.curve().stream().mapToDouble(x -> x.samples().costP90()).toArray()));
    }
    if (sizes.length > 0) {
      h.lineChart(
          new Html.LineChart(
              "Cost over cluster size",
              "cluster size, multiple of " + c.cluster(),
              "cost",
              sizes,
              Axis.forSizes(sizes),
              List.of(
                  new Html.Series(
                      "cost",
                      c.curve().stream().mapToDouble(CostReport.CurvePoint::cost).toArray())),
              costBands,
              List.of()));
    }
    double[] ts = c.utilization().stream().mapToDouble(x -> x.seconds() / 3600).toArray();
    h.lineChart(
        "Utilization over time",
        "hours",
        "busy fraction",
        ts,
        List.of(
            new Html.Series(
                "utilization",
                c.utilization().stream().mapToDouble(CostReport.SeriesPoint::value).toArray())));
    double[] qs = c.queue().stream().mapToDouble(x -> x.seconds() / 3600).toArray();
    h.lineChart(
        "Queue length over time",
        "hours",
        "runnable builds waiting",
        qs,
        List.of(
            new Html.Series(
                "queue", c.queue().stream().mapToDouble(CostReport.SeriesPoint::value).toArray())));
    List<CostReport.PathStep> path = c.criticalPath();
    h.barChart(
        Fmt.format(
            "Critical path (inputs first), minutes per build: %,d build%s, %s",
            path.size(), path.size() == 1 ? "" : "s", Fmt.hours(c.criticalPathSeconds())),
        path.stream().map(CostReport.PathStep::name).toList(),
        path.stream().map(s -> s.seconds() / 60).toList(),
        MAX_BARS,
        "minutes");
    // A graph without channels (Debian's) has no milestones: no section rather than an empty one.
    List<List<String>> channelRows = new ArrayList<>();
    c.channels().forEach((k, v) -> channelRows.add(List.of(k, Fmt.hours(v))));
    h.table(
        "Channel milestones: when each channel's rebuilt builds are all done",
        List.of("channel", "ready after"),
        channelRows);

    h.heading("Risk");
    List<List<String>> top = new ArrayList<>();
    for (RiskReport.TopRow t : r.top()) {
      top.add(
          List.of(
              t.name(),
              t.system(),
              t.riskClass().key(),
              Fmt.format("%.3f", t.probability()),
              String.join("; ", t.reasons())));
    }
    h.table("Riskiest packages", List.of("package", "system", "class", "p(fail)", "why"), top);
    buildFirst(h, p);
    return h.render();
  }
}
