package dev.preflight.risk;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.history.BuildResult;
import dev.preflight.history.History;
import dev.preflight.settings.RiskSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The risk answer for one change: classification, scores, prediction, top-N with reasons,
 * build-first list, sampling plan, and the stratified estimate when results are observed. The one
 * entry point the command line calls; stateless.
 */
public final class RiskAnalysis {
  private RiskAnalysis() {}

  /**
   * What to analyse.
   *
   * @param graph the package graph
   * @param scope the change's rebuild set (from the impact engine)
   * @param history past results (may be empty): previous statuses and failure rates
   * @param durations build durations for the CPU-hour figures
   * @param request confidence, margin, and a number of samples or a CPU budget
   * @param topN rows of the top list
   * @param observed results of builds already run (may be null)
   * @param propagation what a failure does to the builds that need it (the graph's rule by default)
   */
  public record Input(
      PackageGraph graph,
      RebuildScope scope,
      History history,
      BuildDurations durations,
      SamplingPlan.Request request,
      int topN,
      History observed,
      FailurePropagation propagation) {
    public Input {
      if (topN < 0) {
        throw new IllegalArgumentException("topN must be >= 0");
      }
      history = history == null ? History.empty() : history;
      propagation =
          propagation == null ? FailurePropagation.forGraph(graph.metadata()) : propagation;
    }

    /** With the graph's own propagation rule ({@link FailurePropagation#forGraph}). */
    public Input(
        PackageGraph graph,
        RebuildScope scope,
        History history,
        BuildDurations durations,
        SamplingPlan.Request request,
        int topN,
        History observed) {
      this(graph, scope, history, durations, request, topN, observed, null);
    }
  }

  /** Runs the analysis. */
  public static RiskReport run(Input in, RiskSettings settings, Progress progress) {
    PackageGraph g = in.graph();
    PreviousStatus previous = PreviousStatus.of(g, in.history());
    Classification classification = Classification.of(g, in.scope(), previous);
    FailureRates rates = FailureRates.of(in.history(), g, settings);
    RiskScores scores =
        RiskModel.score(
            g,
            in.scope(),
            previous,
            rates,
            settings,
            in.propagation() == FailurePropagation.DEPENDENCY_FAILED,
            progress);
    SamplingPlan plan = SamplingPlan.of(scores, in.durations(), settings, in.request());
    BuildFirst.Result first =
        BuildFirst.of(scores, in.durations(), settings, in.request().budgetHours());
    double confidence = in.request().confidence();

    double fromGreen = scores.expectedFailures(RiskClass.NEWLY_AT_RISK);
    double fromUnknown = scores.expectedFailures(RiskClass.UNKNOWN);
    double expected = fromGreen + fromUnknown;
    int[] iv = scores.interval(confidence);
    RiskReport.Interval interval =
        new RiskReport.Interval(
            Math.min(iv[0], expected), Math.max(iv[1], expected), confidence, "model");

    StratifiedEstimate estimate = null;
    int ignored = 0;
    if (in.observed() != null) {
      Map<Integer, Boolean> outcomes = new LinkedHashMap<>();
      ignored = outcomes(in.observed(), g, outcomes);
      estimate = StratifiedEstimate.of(plan, scores, outcomes, confidence);
      expected = estimate.count();
      interval =
          new RiskReport.Interval(
              estimate.countLow(), estimate.countHigh(), confidence, "stratified-sample");
    }
    List<RiskReport.TopRow> top = top(g, scores, in.topN());
    return new RiskReport(
        classification,
        scores,
        expected,
        fromGreen,
        fromUnknown,
        interval,
        top,
        first,
        plan,
        estimate,
        ignored);
  }

  /**
   * Fills {@code into} with graph node -> failed from the latest result per id of {@code observed};
   * a success is not a failure, every failure kind (dependency failure included) is, an abort is no
   * result. Returns the rows' ids that were unusable (not in the graph, or aborted).
   */
  public static int outcomes(History observed, PackageGraph graph, Map<Integer, Boolean> into) {
    int ignored = 0;
    for (int k = 0; k < observed.size(); k++) {
      int v = graph.indexOfId(observed.id(k));
      BuildResult latest = null;
      for (int p = observed.entriesEnd(k) - 1; p >= observed.entriesStart(k); p--) {
        if (observed.result(p) != BuildResult.ABORTED) {
          latest = observed.result(p);
          break;
        }
      }
      if (v < 0 || latest == null) {
        ignored++;
        continue;
      }
      into.put(v, latest != BuildResult.SUCCESS);
    }
    return ignored;
  }

  /** The {@code n} at-risk nodes most likely to fail, with reasons. */
  static List<RiskReport.TopRow> top(PackageGraph g, RiskScores s, int n) {
    Integer[] order = new Integer[s.size()];
    int c = 0;
    for (int i = 0; i < s.size(); i++) {
      if (s.atRisk(i)) {
        order[c++] = i;
      }
    }
    order = Arrays.copyOf(order, c);
    Arrays.sort(
        order,
        (a, b) -> {
          int r = Double.compare(s.failure(b), s.failure(a));
          return r != 0 ? r : g.id(s.node(a)).compareTo(g.id(s.node(b)));
        });
    List<RiskReport.TopRow> rows = new ArrayList<>();
    for (int j = 0; j < Math.min(n, c); j++) {
      int i = order[j];
      int v = s.node(i);
      rows.add(
          new RiskReport.TopRow(
              v,
              g.id(v),
              g.name(v),
              g.system(v),
              s.riskClass(i),
              s.failure(i),
              s.own(i),
              s.dependency(i),
              reasons(g, s, i)));
    }
    return rows;
  }

  /** Why local node {@code i} is at risk: exposure, dependencies, history. */
  static List<String> reasons(PackageGraph g, RiskScores s, int i) {
    List<String> out = new ArrayList<>();
    int v = s.node(i);
    StringBuilder exposure = new StringBuilder();
    int listed = 0;
    for (int slot = 0; slot < RiskScores.NEAREST; slot++) {
      int c = s.nearestChanged(i, slot);
      int d = s.nearestDistance(i, slot);
      if (d < 0) {
        break;
      }
      if (c == v) {
        exposure.append(exposure.length() == 0 ? "" : "; ").append("changed itself");
      } else if (c >= 0) {
        exposure
            .append(exposure.length() == 0 ? "" : "; ")
            .append("changed input ")
            .append(g.name(c))
            .append(" at distance ")
            .append(d);
      } else {
        exposure
            .append(exposure.length() == 0 ? "" : "; ")
            .append("nearest changed input at distance ")
            .append(d);
      }
      listed++;
    }
    int within = s.changedWithin(i);
    if (within > listed) {
      exposure.append(" (+").append(within - listed).append(" more changed nearby)");
    }
    exposure.append(String.format(Locale.ROOT, ": own failure p=%.3f", s.own(i)));
    out.add(exposure.toString());
    if (s.dependency(i) >= 0.005) {
      int riskiest = -1;
      double best = -1;
      int lv = i;
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        int u = s.scope().indexOf(g.input(p));
        if (u >= 0 && s.failure(u) > best) {
          best = s.failure(u);
          riskiest = u;
        }
      }
      String via =
          riskiest < 0
              ? ""
              : String.format(
                  Locale.ROOT,
                  " (riskiest input %s p=%.3f)",
                  g.name(s.node(riskiest)),
                  s.failure(riskiest));
      out.add(String.format(Locale.ROOT, "dependency failure p=%.3f%s", s.dependency(lv), via));
    }
    if (s.historyBuilds(i) > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "history: %d own failure%s in %d builds%s; smoothed rate %.3f (fragility x%.2f)",
              s.historyOwnFailures(i),
              s.historyOwnFailures(i) == 1 ? "" : "s",
              s.historyBuilds(i),
              s.brokenNow(i) ? ", latest failed" : "",
              s.freshRate(i),
              s.fragility(i)));
    } else {
      out.add(String.format(Locale.ROOT, "no history: prior rate %.3f", s.priorMean()));
    }
    return out;
  }
}
