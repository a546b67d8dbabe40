package dev.preflight.batch;

import dev.preflight.impact.CutoffStats;
import dev.preflight.impact.ImpactReport;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer for one input row, computed once by {@link RowEvaluator}; {@link BatchTable} only
 * renders it. A row whose change could not be resolved carries {@code error} and no impact.
 *
 * @param seq the input row's position: results are sorted by it
 * @param id the input row's id
 * @param graph the graph label the row ran on
 * @param policy the propagation policy
 * @param impact what {@code preflight impact} reports for the row's change; null on error
 * @param cost what {@code preflight cost} reports on the batch's cluster; null on error and for the
 *     random {@code cutoff} policy
 * @param expectedNewFailures what {@code preflight risk} reports, with a history only; else null
 * @param error why the row has no answer (unknown names with the closest known ones), else null
 */
public record BatchResult(
    int seq,
    String id,
    String graph,
    String policy,
    Impact impact,
    Cost cost,
    Double expectedNewFailures,
    String error)
    implements Serializable {

  public BatchResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(policy, "policy");
    if ((error == null) == (impact == null)) {
      throw new IllegalArgumentException("a result has either an impact or an error");
    }
  }

  /** The result of a row that could not be answered. */
  public static BatchResult failed(BatchRow row, String error) {
    return new BatchResult(row.seq(), row.id(), row.graph(), row.policy(), null, null, null, error);
  }

  public boolean ok() {
    return error == null;
  }

  /**
   * The serialisable part of an {@link ImpactReport} that a batch row reports (the rebuild set
   * itself stays on the executor).
   *
   * @param changed resolved changed names, sorted
   * @param rebuildCount nodes that rebuild, changed nodes included
   * @param bySystem rebuilt nodes per system, every system of the graph listed
   * @param byKernel distinct rebuilt names per kernel ({@code linux} and {@code darwin} first)
   * @param labels ofborg labels
   * @param depth build jobs on the longest chain of rebuilds
   * @param cutoff the Monte Carlo distribution under {@code cutoff}, else null
   */
  public record Impact(
      List<String> changed,
      int rebuildCount,
      Map<String, Integer> bySystem,
      Map<String, Integer> byKernel,
      List<String> labels,
      int depth,
      Cutoff cutoff)
      implements Serializable {

    public Impact {
      changed = List.copyOf(changed);
      bySystem = Collections.unmodifiableMap(new LinkedHashMap<>(bySystem));
      byKernel = Collections.unmodifiableMap(new LinkedHashMap<>(byKernel));
      labels = List.copyOf(labels);
    }

    /** The row's share of {@code report}. */
    public static Impact of(ImpactReport report) {
      CutoffStats c = report.cutoff();
      return new Impact(
          report.changed(),
          report.rebuildCount(),
          report.bySystem(),
          report.byKernel(),
          report.labels(),
          report.depth(),
          c == null ? null : new Cutoff(c.samples(), c.expected(), c.p10(), c.p50(), c.p90()));
    }

    /** Distinct names rebuilt on {@code kernel}, 0 if none. */
    public int kernel(String kernel) {
      return byKernel.getOrDefault(kernel, 0);
    }
  }

  /**
   * The cutoff policy's Monte Carlo distribution of the rebuild count.
   *
   * @param samples trials
   * @param expected mean over the trials
   * @param p10 10th percentile
   * @param p50 median
   * @param p90 90th percentile
   */
  public record Cutoff(int samples, double expected, int p10, int p50, int p90)
      implements Serializable {}

  /**
   * The simulated rebuild on the batch's cluster (the expected run of {@code preflight cost}).
   *
   * @param makespanSeconds wall-clock time until the last build finishes
   * @param cpuHours build time summed over all builds
   * @param cost money billed for the machines
   */
  public record Cost(double makespanSeconds, double cpuHours, double cost)
      implements Serializable {}
}
