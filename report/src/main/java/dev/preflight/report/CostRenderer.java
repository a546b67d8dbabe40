package dev.preflight.report;

import static dev.preflight.report.Fmt.duration;
import static dev.preflight.report.Fmt.format;
import static dev.preflight.report.Fmt.round;
import static dev.preflight.report.Fmt.shortDuration;

import dev.preflight.cost.CostReport;
import dev.preflight.cost.Placement;
import dev.preflight.cost.PlacementRule;
import dev.preflight.cost.Workload;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.report.render.Cells;
import dev.preflight.report.render.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link CostReport} as JSON, CSV or a table; computes nothing. */
public final class CostRenderer {
  /** Version of the JSON document; bump on incompatible changes. */
  public static final int SCHEMA_VERSION = 1;

  private CostRenderer() {}

  // ------------------------------------------------------------------ JSON

  /** The document; {@code pins} (the graph's pin names) appear only when there are any. */
  public static Map<String, Object> toJson(
      CostReport r,
      Policy policy,
      Changes changed,
      List<String> pins,
      boolean failures,
      boolean curve) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", SCHEMA_VERSION);
    m.put("scheduler", r.scheduler());
    m.put("order", r.order());
    m.put("orderDefault", r.defaultOrder());
    m.put("cluster", r.cluster());
    m.put("policy", policy == null ? "all" : policy.label());
    if (changed != null) {
      m.put("changed", changed.resolvedNames());
    }
    if (!pins.isEmpty()) {
      m.put("pins", pins);
    }
    m.put("builds", r.builds());
    m.put("cycles", r.cycles());
    m.put("cycleMembers", r.cycleMembers());
    m.put("slots", r.slots());
    m.put("makespanSeconds", round(r.makespanSeconds(), 3));
    m.put("cpuHours", round(r.cpuHours(), 4));
    m.put("cost", round(r.cost(), 4));
    m.put("currency", r.currency());
    m.put("currencyAssumed", r.currencyAssumed());
    m.put("peakMachines", r.peakMachines());
    List<Map<String, Object>> pools = new ArrayList<>();
    for (CostReport.PoolCost p : r.pools()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("name", p.name());
      pm.put("maxMachines", p.maxMachines());
      pm.put("peakMachines", p.peakMachines());
      pm.put("meanMachines", round(p.meanMachines(), 3));
      pm.put("machineHours", round(p.machineHours(), 4));
      pm.put("cost", round(p.cost(), 4));
      pools.add(pm);
    }
    m.put("pools", pools);
    m.put("lowerBoundSeconds", round(r.lowerBoundSeconds(), 3));
    m.put("makespanOverLowerBound", round(r.makespanOverLowerBound(), 4));
    m.put("criticalPathSeconds", round(r.criticalPathSeconds(), 3));
    m.put("criticalPath", r.criticalPath().stream().map(CostReport.PathStep::name).toList());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (CostReport.PathStep p : r.criticalPath()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("name", p.name());
      sm.put("id", p.id());
      sm.put("seconds", round(p.seconds(), 3));
      steps.add(sm);
    }
    m.put("criticalPathSteps", steps);
    Map<String, Object> channels = new LinkedHashMap<>();
    r.channels().forEach((k, v) -> channels.put(k, round(v, 3)));
    m.put("channels", channels);
    if (failures) {
      m.put("blockedChannels", r.blockedChannels());
    }
    Map<String, Object> outcomes = new LinkedHashMap<>();
    outcomes.put("built", r.outcomes().built());
    outcomes.put("failed", r.outcomes().failed());
    outcomes.put("dependencyFailed", r.outcomes().dependencyFailed());
    m.put("outcomes", outcomes);
    m.put("durationSources", r.durationSources());
    m.put("placement", placementJson(r.placement()));
    m.put("utilization", series(r.utilization(), "fraction"));
    m.put("queue", series(r.queue(), "runnable"));
    if (curve) {
      List<Map<String, Object>> points = new ArrayList<>();
      for (CostReport.CurvePoint p : r.curve()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("size", p.size());
        cm.put("machines", p.machines());
        cm.put("peakMachines", p.peakMachines());
        cm.put("meanMachines", round(p.meanMachines(), 3));
        cm.put("slots", p.slots());
        cm.put("makespanSeconds", round(p.makespanSeconds(), 3));
        cm.put("cost", round(p.cost(), 4));
        cm.put("cpuHours", round(p.cpuHours(), 4));
        if (p.samples() != null) {
          cm.put("makespanP50", round(p.samples().makespanP50(), 3));
          cm.put("makespanP90", round(p.samples().makespanP90(), 3));
          cm.put("costP50", round(p.samples().costP50(), 4));
          cm.put("costP90", round(p.samples().costP90(), 4));
        }
        points.add(cm);
      }
      m.put("curve", points);
      m.put("knee", r.knee());
    }
    if (r.samples() != null) {
      CostReport.Samples s = r.samples();
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("count", s.count());
      sm.put("seed", s.seed());
      sm.put("makespanP50", round(s.makespanP50(), 3));
      sm.put("makespanP90", round(s.makespanP90(), 3));
      sm.put("costP50", round(s.costP50(), 4));
      sm.put("costP90", round(s.costP90(), 4));
      m.put("samples", sm);
    }
    return m;
  }

  private static List<Map<String, Object>> series(
      List<CostReport.SeriesPoint> points, String valueKey) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (CostReport.SeriesPoint p : points) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("seconds", round(p.seconds(), 3));
      pm.put(valueKey, round(p.value(), 4));
      out.add(pm);
    }
    return out;
  }

  // ------------------------------------------------------------------ CSV

  /** The cost curve (or the one cluster as size 1): one row per size ({@link CostTables}). */
  public static String csv(CostReport r) {
    return CostTables.curve(r).csv();
  }

  // ------------------------------------------------------------------ table

  public static String table(
      CostReport r, Policy policy, Changes changed, List<String> pins, boolean failures) {
    StringBuilder sb = new StringBuilder();
    if (changed != null) {
      row(
          sb,
          "change",
          Cells.clean(String.join(", ", limit(changed.resolvedNames(), 5)))
              + " ("
              + policy.label()
              + ")");
    }
    if (!pins.isEmpty()) {
      row(sb, "pins", Cells.clean(String.join(", ", limit(pins, 5))));
    }
    row(
        sb,
        "rebuild",
        format(
            "%,d builds%s",
            r.builds(),
            r.cycles() == 0
                ? ""
                : format(
                    " (%,d on %,d cycle%s, members built in parallel)",
                    r.cycleMembers(), r.cycles(), r.cycles() == 1 ? "" : "s")));
    row(
        sb,
        "cluster",
        format(
            "%s, %,d slot%s at most, scheduler %s",
            Cells.clean(r.cluster()), r.slots(), r.slots() == 1 ? "" : "s", r.scheduler()));
    row(sb, "order", orderText(r));
    row(sb, "makespan", duration(r.makespanSeconds()));
    row(
        sb,
        "lower bound",
        duration(r.lowerBoundSeconds())
            + format(", makespan / LB = %.3f", r.makespanOverLowerBound()));
    row(sb, "CPU-hours", format("%,.1f", r.cpuHours()));
    row(
        sb,
        "cost",
        Fmt.money(r.cost(), r.currency())
            + (r.currencyAssumed()
                ? " (assumed: the cluster file sets prices but names no currency)"
                : ""));
    row(sb, "machines", machinesText(r));
    List<String> steps = new ArrayList<>();
    for (CostReport.PathStep p : r.criticalPath()) {
      steps.add(Cells.clean(p.name()) + " " + shortDuration(p.seconds()));
    }
    row(
        sb,
        "critical path",
        duration(r.criticalPathSeconds())
            + format(" over %,d build%s: ", steps.size(), steps.size() == 1 ? "" : "s")
            + String.join(" > ", limitMiddle(steps, 8)));
    if (!r.channels().isEmpty()) {
      List<String> ch = new ArrayList<>();
      r.channels()
          .forEach(
              (k, v) ->
                  ch.add(
                      Cells.clean(k)
                          + " "
                          + (r.blockedChannels().contains(k) ? "blocked" : shortDuration(v))));
      row(sb, "channels done", String.join(", ", ch));
    }
    if (failures) {
      row(
          sb,
          "outcomes",
          format(
              "%,d built, %,d failed, %,d dependency failed",
              r.outcomes().built(), r.outcomes().failed(), r.outcomes().dependencyFailed()));
    }
    List<String> src = new ArrayList<>();
    r.durationSources().forEach((k, v) -> src.add(k + " " + format("%,d", v)));
    row(sb, "durations from", String.join(", ", src));
    row(sb, "placement", placementText(r.placement()));
    double meanUtil =
        r.utilization().stream().mapToDouble(CostReport.SeriesPoint::value).average().orElse(0);
    row(
        sb,
        "utilization",
        sparkline(r.utilization(), 1.0) + format(" mean %.0f%%", 100 * meanUtil));
    double maxQueue = r.queue().stream().mapToDouble(CostReport.SeriesPoint::value).max().orElse(0);
    row(sb, "queue", sparkline(r.queue(), maxQueue) + format(" peak %,.1f waiting", maxQueue));
    if (r.samples() != null) {
      CostReport.Samples s = r.samples();
      row(
          sb,
          "samples",
          format(
              "%,d runs: makespan p50 %s, p90 %s; cost p50 %s, p90 %s",
              s.count(),
              shortDuration(s.makespanP50()),
              shortDuration(s.makespanP90()),
              Fmt.money(s.costP50(), r.currency()),
              Fmt.money(s.costP90(), r.currency())));
    }
    if (r.pools().size() > 1) {
      sb.append('\n').append(poolTable(r));
    }
    if (!r.curve().isEmpty()) {
      sb.append('\n').append(curveTable(r));
    }
    return sb.toString();
  }

  /**
   * {@code peak 4 of 68 running, mean 3.9 (11.6 machine-hours)}: machines that ran (booting
   * included: the time that is billed), against the most the cluster may run.
   */
  static String machinesText(CostReport r) {
    long max = r.pools().stream().mapToLong(CostReport.PoolCost::maxMachines).sum();
    double hours = r.pools().stream().mapToDouble(CostReport.PoolCost::machineHours).sum();
    double mean = r.makespanSeconds() > 0 ? hours * 3600 / r.makespanSeconds() : 0;
    return format(
        "peak %,d of %,d running, mean %,.1f (%,.1f machine-hours)",
        r.peakMachines(), max, mean, hours);
  }

  /** Per pool: machines at most, at peak, on average; machine-hours; money. */
  static String poolTable(CostReport r) {
    TextTable t =
        new TextTable(
            "pool",
            "max machines>",
            "peak>",
            "mean>",
            "machine-hours>",
            "cost (" + r.currency() + ")>");
    for (CostReport.PoolCost p : r.pools()) {
      t.row(
          p.name(),
          format("%,d", p.maxMachines()),
          format("%,d", p.peakMachines()),
          format("%,.1f", p.meanMachines()),
          format("%,.1f", p.machineHours()),
          Fmt.money(p.cost()));
    }
    return t.render(TextTable.terminalWidth());
  }

  /**
   * The cost curve: per size the machines the cluster may run, the peak and mean it ran, slots,
   * makespan, money and CPU-hours; the knee marked in its own column.
   */
  static String curveTable(CostReport r) {
    TextTable t =
        new TextTable(
            "size>",
            "max machines>",
            "peak>",
            "mean>",
            "slots>",
            "makespan>",
            "cost (" + r.currency() + ")>",
            "CPU-hours>",
            "knee");
    for (CostReport.CurvePoint p : r.curve()) {
      t.row(
          p.size(),
          format("%,d", p.machines()),
          format("%,d", p.peakMachines()),
          format("%,.1f", p.meanMachines()),
          format("%,d", p.slots()),
          duration(p.makespanSeconds()),
          Fmt.money(p.cost()),
          format("%,.1f", p.cpuHours()),
          r.knee() != null && p.size() == r.knee() ? "<- knee" : "");
    }
    return t.render(TextTable.terminalWidth());
  }

  /** {@code dependencies (default)}, {@code levels (asked)}: the order and where it came from. */
  /**
   * Which rule placed builds by system feature: {@code requiredSystemFeatures from the graph (12
   * builds need big-parallel, 1 build needs kvm)} or {@code big-parallel guessed from durations >=
   * 1h 00m (no feature data; 3 builds need it)}.
   */
  public static String placementText(Placement p) {
    if (p.rule() == PlacementRule.GRAPH_FEATURES) {
      List<String> needs = new ArrayList<>();
      p.buildsNeeding()
          .forEach(
              (f, n) ->
                  needs.add(
                      format(
                          "%,d build%s %s",
                          n, n == 1 ? "" : "s", (n == 1 ? "needs " : "need ") + Cells.clean(f))));
      return "requiredSystemFeatures from the graph ("
          + (needs.isEmpty() ? "no rebuilt node requires a feature" : String.join(", ", needs))
          + ")";
    }
    int n = p.buildsNeeding().getOrDefault(Workload.BIG_PARALLEL, 0);
    return "big-parallel guessed from durations >= "
        + shortDuration(p.bigParallelSeconds())
        + " (no feature data; "
        + (n == 0
            ? "no build needs it"
            : format("%,d build%s need%s it", n, n == 1 ? "" : "s", n == 1 ? "s" : ""))
        + ")";
  }

  /** The JSON of {@link #placementText}: the rule, the guess threshold, builds per feature. */
  public static Map<String, Object> placementJson(Placement p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", p.rule().label());
    if (p.rule() == PlacementRule.DURATION_GUESS) {
      m.put("bigParallelSeconds", round(p.bigParallelSeconds(), 3));
    }
    m.put("buildsNeeding", p.buildsNeeding());
    return m;
  }

  public static String orderText(CostReport r) {
    return r.order() + (r.defaultOrder() ? " (default)" : " (asked)");
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append(format("%-15s %s%n", key, value));
  }

  private static List<String> limit(List<String> items, int max) {
    if (items.size() <= max) {
      return items;
    }
    List<String> out = new ArrayList<>(items.subList(0, max));
    out.add("… " + (items.size() - max) + " more");
    return out;
  }

  private static List<String> limitMiddle(List<String> items, int max) {
    if (items.size() <= max) {
      return items;
    }
    List<String> out = new ArrayList<>(items.subList(0, max / 2));
    out.add("… " + (items.size() - max) + " more");
    out.addAll(items.subList(items.size() - max / 2, items.size()));
    return out;
  }

  /**
   * A sparkline on a zero baseline: eight ticks {@code ▁} to {@code █}, as holman/spark draws them
   * (its {@code spark} script: no blank tick, so a low value still shows as {@code ▁}); tick {@code
   * i} covers {@code [i/8, (i+1)/8)} of {@code max}. The old ninth, blank tick drew utilization
   * under 6% as nothing, indistinguishable from the end of the line.
   */
  static String sparkline(List<CostReport.SeriesPoint> points, double max) {
    String ticks = "▁▂▃▄▅▆▇█";
    StringBuilder sb = new StringBuilder();
    for (CostReport.SeriesPoint p : points) {
      int level = max > 0 ? (int) Math.floor(p.value() / max * ticks.length()) : 0;
      sb.append(ticks.charAt(Math.max(0, Math.min(ticks.length() - 1, level))));
    }
    return sb.toString();
  }
}
