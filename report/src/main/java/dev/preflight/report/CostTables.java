package dev.preflight.report;

import static dev.preflight.report.render.Table.Column.bool;
import static dev.preflight.report.render.Table.Column.decimal;
import static dev.preflight.report.render.Table.Column.integer;
import static dev.preflight.report.render.Table.Column.string;

import dev.preflight.cost.CostReport;
import dev.preflight.report.render.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Every part of a {@link CostReport} as a named rectangular {@link Table}, the rows of {@code cost
 * --format csv|arrow --table NAME} and of {@code plan --table NAME}:
 *
 * <pre>
 * curve         size, machines, slots, builds, makespanSeconds, cpuHours, cost
 *               (+ makespanP50, makespanP90, costP50, costP90 with --samples)   the default
 * summary       one row: scheduler, order, cluster, builds, slots, makespan, CPU-hours, cost,
 *               lower bound, critical path, outcomes, knee
 * pools         pool, machineHours, cost
 * utilization   seconds (start of the time bin), fraction (busy share of running slots)
 * queue         seconds, runnable (average builds waiting for a slot)
 * channels      channel, readySeconds, blocked (the milestones; no rows without channels)
 * criticalPath  step (1 = first, inputs first), id, name, seconds
 * samples       count, seed, makespanP50, makespanP90, costP50, costP90 (one row with --samples)
 * </pre>
 *
 * Times are seconds and money is in the cluster's currency, as in the JSON document, whose field
 * names the columns reuse.
 */
public final class CostTables {
  /** The table {@code cost --format csv} writes when no {@code --table} is named. */
  public static final String DEFAULT = "curve";

  private CostTables() {}

  /** The names, in order, for help and completion. */
  public static final List<String> NAMES =
      List.of(
          "curve",
          "summary",
          "pools",
          "utilization",
          "queue",
          "channels",
          "criticalPath",
          "samples");

  /** Every table of {@code r}, in {@link #NAMES} order. */
  public static List<Table> of(CostReport r, String policy) {
    List<Table> out = new ArrayList<>();
    out.add(curve(r));
    out.add(summary(r, policy));
    Table.Builder pools =
        Table.builder("pools", string("pool"), decimal("machineHours", 4), decimal("cost", 4));
    r.pools().forEach(p -> pools.row(p.name(), p.machineHours(), p.cost()));
    out.add(pools.build());
    out.add(series("utilization", "fraction", r.utilization()));
    out.add(series("queue", "runnable", r.queue()));
    Table.Builder channels =
        Table.builder("channels", string("channel"), decimal("readySeconds", 3), bool("blocked"));
    r.channels().forEach((k, v) -> channels.row(k, v, r.blockedChannels().contains(k)));
    out.add(channels.build());
    Table.Builder path =
        Table.builder(
            "criticalPath", integer("step"), string("id"), string("name"), decimal("seconds", 3));
    for (int i = 0; i < r.criticalPath().size(); i++) {
      CostReport.PathStep s = r.criticalPath().get(i);
      path.row((long) i + 1, s.id(), s.name(), s.seconds());
    }
    out.add(path.build());
    Table.Builder samples =
        Table.builder(
            "samples",
            integer("count"),
            integer("seed"),
            decimal("makespanP50", 3),
            decimal("makespanP90", 3),
            decimal("costP50", 4),
            decimal("costP90", 4));
    CostReport.Samples s = r.samples();
    if (s != null) {
      samples.row(
          (long) s.count(), s.seed(), s.makespanP50(), s.makespanP90(), s.costP50(), s.costP90());
    }
    out.add(samples.build());
    return out;
  }

  /**
   * The cost curve, or the one cluster as size 1 without {@code --sizes} (machines empty: the
   * cluster's own size is not a multiple); the percentile columns only with samples.
   */
  static Table curve(CostReport r) {
    boolean sampled = !r.curve().isEmpty() && r.curve().stream().allMatch(p -> p.samples() != null);
    List<Table.Column> cols =
        new ArrayList<>(
            List.of(
                integer("size"),
                integer("machines"),
                integer("peakMachines"),
                decimal("meanMachines", 3),
                integer("slots"),
                integer("builds"),
                decimal("makespanSeconds", 3),
                decimal("cpuHours", 4),
                decimal("cost", 4),
                string("currency")));
    if (sampled) {
      cols.addAll(
          List.of(
              decimal("makespanP50", 3),
              decimal("makespanP90", 3),
              decimal("costP50", 4),
              decimal("costP90", 4)));
    }
    List<List<Object>> rows = new ArrayList<>();
    if (r.curve().isEmpty()) {
      double hours = r.pools().stream().mapToDouble(CostReport.PoolCost::machineHours).sum();
      rows.add(
          java.util.Arrays.asList(
              1L,
              null,
              (long) r.peakMachines(),
              r.makespanSeconds() > 0 ? hours * 3600 / r.makespanSeconds() : 0.0,
              r.slots(),
              (long) r.builds(),
              r.makespanSeconds(),
              r.cpuHours(),
              r.cost(),
              r.currency()));
    }
    for (CostReport.CurvePoint p : r.curve()) {
      List<Object> row =
          new ArrayList<>(
              List.of(
                  (long) p.size(),
                  p.machines(),
                  (long) p.peakMachines(),
                  p.meanMachines(),
                  p.slots(),
                  (long) r.builds(),
                  p.makespanSeconds(),
                  p.cpuHours(),
                  p.cost(),
                  r.currency()));
      if (sampled) {
        row.addAll(
            List.of(
                p.samples().makespanP50(),
                p.samples().makespanP90(),
                p.samples().costP50(),
                p.samples().costP90()));
      }
      rows.add(row);
    }
    return new Table("curve", cols, rows);
  }

  private static Table summary(CostReport r, String policy) {
    return Table.builder(
            "summary",
            string("scheduler"),
            string("order"),
            bool("orderDefault"),
            string("cluster"),
            string("policy"),
            integer("builds"),
            integer("cycles"),
            integer("cycleMembers"),
            integer("slots"),
            decimal("makespanSeconds", 3),
            decimal("cpuHours", 4),
            decimal("cost", 4),
            decimal("lowerBoundSeconds", 3),
            decimal("makespanOverLowerBound", 4),
            decimal("criticalPathSeconds", 3),
            integer("built"),
            integer("failed"),
            integer("dependencyFailed"),
            integer("knee"))
        .row(
            r.scheduler(),
            r.order(),
            r.defaultOrder(),
            r.cluster(),
            policy,
            (long) r.builds(),
            (long) r.cycles(),
            (long) r.cycleMembers(),
            r.slots(),
            r.makespanSeconds(),
            r.cpuHours(),
            r.cost(),
            r.lowerBoundSeconds(),
            r.makespanOverLowerBound(),
            r.criticalPathSeconds(),
            (long) r.outcomes().built(),
            (long) r.outcomes().failed(),
            (long) r.outcomes().dependencyFailed(),
            r.knee() == null ? null : (long) r.knee())
        .build();
  }

  private static Table series(String name, String value, List<CostReport.SeriesPoint> points) {
    Table.Builder b = Table.builder(name, decimal("seconds", 3), decimal(value, 4));
    points.forEach(p -> b.row(p.seconds(), p.value()));
    return b.build();
  }
}
