package dev.preflight.risk;

import java.util.List;

/**
 * Everything {@code preflight risk} reports, computed once by {@link RiskAnalysis}; renderers only
 * format it.
 *
 * @param classification the newly-at-risk / already-broken / unknown split
 * @param scores per-node probabilities and the simulated count distribution
 * @param expectedNewFailures expected failures over the at-risk population (newly at risk +
 *     unknown); with observations, the stratified estimate
 * @param expectedFromNewlyAtRisk the model's expected failures among previously green nodes
 * @param expectedFromUnknown the model's expected failures among nodes without a previous result
 * @param interval the interval of the number of new failures
 * @param top the riskiest at-risk nodes, most likely failure first
 * @param buildFirst the build-first list
 * @param plan the stratified sampling plan
 * @param estimate the estimate from observed results, or null without {@code --observed}
 * @param observedIgnored observed rows that could not be used (ids not in the graph, aborted)
 */
public record RiskReport(
    Classification classification,
    RiskScores scores,
    double expectedNewFailures,
    double expectedFromNewlyAtRisk,
    double expectedFromUnknown,
    Interval interval,
    List<TopRow> top,
    BuildFirst.Result buildFirst,
    SamplingPlan plan,
    StratifiedEstimate estimate,
    int observedIgnored) {

  public RiskReport {
    top = List.copyOf(top);
  }

  /** Number of rebuilt nodes. */
  public int rebuildCount() {
    return scores.size();
  }

  /**
   * An interval of the number of new failures.
   *
   * @param method {@code model} (the simulated prediction) or {@code stratified-sample} (from
   *     observed results)
   */
  public record Interval(double low, double high, double confidence, String method) {
    public Interval {
      if (!(low <= high)) {
        throw new IllegalArgumentException("interval low > high: " + low + " > " + high);
      }
    }
  }

  /**
   * One of the riskiest nodes.
   *
   * @param node graph node
   * @param probability probability that it does not build (own failure or dependency failure)
   * @param own probability that its own build fails
   * @param dependency probability that a rebuilt input fails
   * @param reasons why, in words
   */
  public record TopRow(
      int node,
      String id,
      String name,
      String system,
      RiskClass riskClass,
      double probability,
      double own,
      double dependency,
      List<String> reasons) {
    public TopRow {
      reasons = List.copyOf(reasons);
    }
  }
}
