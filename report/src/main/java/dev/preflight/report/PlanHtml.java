package dev.preflight.report;

import dev.preflight.cost.CostReport;
import dev.preflight.impact.ImpactReport;
import dev.preflight.report.render.Html;
import dev.preflight.risk.RiskReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan as one self-contained HTML page: the verdict, a summary, rebuilds per system, makespan
 * and cost over cluster size, utilization and queue over time, the critical path, channel
 * milestones and sortable risk tables. Names pass through {@link Html#escape}.
 */
public final class PlanHtml {
  private PlanHtml() {}

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
    double[] sizes = c.curve().stream().mapToDouble(CostReport.CurvePoint::size).toArray();
    h.lineChart(
        "Makespan (hours) over cluster size (multiples of " + c.cluster() + ")",
        "cluster size",
        "hours",
        sizes,
        List.of(
            new Html.Series(
                "makespan h",
                c.curve().stream().mapToDouble(x -> x.makespanSeconds() / 3600).toArray())));
    h.lineChart(
        "Cost over cluster size",
        "cluster size",
        "cost",
        sizes,
        List.of(
            new Html.Series(
                "cost", c.curve().stream().mapToDouble(CostReport.CurvePoint::cost).toArray())));
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
        "Critical path (inputs first), minutes per build",
        path.stream().map(CostReport.PathStep::name).toList(),
        path.stream().map(s -> s.seconds() / 60).toList());
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
              t.riskClass().toString(),
              Fmt.format("%.3f", t.probability()),
              String.join("; ", t.reasons())));
    }
    h.table("Riskiest packages", List.of("package", "system", "class", "p(fail)", "why"), top);
    List<List<String>> first = new ArrayList<>();
    int[] order = r.buildFirst().nodes();
    for (int k = 0; k < order.length && k < 50; k++) {
      first.add(List.of(String.valueOf(k + 1), p.graph().id(order[k])));
    }
    h.table("Build these first", List.of("#", "build"), first);
    return h.render();
  }
}
