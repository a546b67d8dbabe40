package dev.preflight.risk;

import java.util.Arrays;

/**
 * The risk model's per-node results for one rebuild set, by local index (the position in {@link
 * RebuildScope#nodes}), and the simulated distribution of the number of new failures. Produced by
 * {@link RiskModel}; read-only afterwards.
 */
public final class RiskScores {
  /** Slots kept per node for the nearest changed inputs. */
  static final int NEAREST = 3;

  final RebuildScope scope;
  final RebuildDag dag;
  final RiskClass[] riskClass;
  final double[] base;
  final double[] fresh;
  final double[] fragility;
  final boolean[] brokenNow;
  final int[] historyBuilds;
  final int[] historyOwnFailures;
  final double[] exposure;
  final double[] hazard;
  final int[] changedWithin;
  final int[] nearestSource;
  final int[] nearestDistance;
  final double[] own;
  final double[] root;
  final double[] dependency;
  final double[] failure;
  final int trials;
  final int[] sortedCounts;
  final double priorMean;
  final double persistence;

  RiskScores(
      RebuildScope scope,
      RebuildDag dag,
      RiskClass[] riskClass,
      double[] base,
      double[] fresh,
      double[] fragility,
      boolean[] brokenNow,
      int[] historyBuilds,
      int[] historyOwnFailures,
      double[] exposure,
      double[] hazard,
      int[] changedWithin,
      int[] nearestSource,
      int[] nearestDistance,
      double[] own,
      double[] root,
      double[] dependency,
      double[] failure,
      int trials,
      int[] counts,
      double priorMean,
      double persistence) {
    this.scope = scope;
    this.dag = dag;
    this.riskClass = riskClass;
    this.base = base;
    this.fresh = fresh;
    this.fragility = fragility;
    this.brokenNow = brokenNow;
    this.historyBuilds = historyBuilds;
    this.historyOwnFailures = historyOwnFailures;
    this.exposure = exposure;
    this.hazard = hazard;
    this.changedWithin = changedWithin;
    this.nearestSource = nearestSource;
    this.nearestDistance = nearestDistance;
    this.own = own;
    this.root = root;
    this.dependency = dependency;
    this.failure = failure;
    this.trials = trials;
    this.sortedCounts = counts.clone();
    Arrays.sort(this.sortedCounts);
    this.priorMean = priorMean;
    this.persistence = persistence;
  }

  public RebuildScope scope() {
    return scope;
  }

  /** Number of rebuilt nodes. */
  public int size() {
    return scope.size();
  }

  /** The graph node at local index {@code i}. */
  public int node(int i) {
    return scope.nodes()[i];
  }

  public RiskClass riskClass(int i) {
    return riskClass[i];
  }

  /** Whether local node {@code i} is in the at-risk population (newly at risk or unknown). */
  public boolean atRisk(int i) {
    return riskClass[i] != RiskClass.ALREADY_BROKEN;
  }

  /** Probability that the node does not build: its own failure or a dependency's. */
  public double failure(int i) {
    return failure[i];
  }

  /** Probability that the node's own build fails (were its inputs fine). */
  public double own(int i) {
    return own[i];
  }

  /** Probability that the node fails by itself while all its rebuilt inputs build. */
  public double root(int i) {
    return root[i];
  }

  /** Probability that some rebuilt input of the node fails (it is then "dependency failed"). */
  public double dependency(int i) {
    return dependency[i];
  }

  /** The node's failure probability before the change (history). */
  public double base(int i) {
    return base[i];
  }

  public double fragility(int i) {
    return fragility[i];
  }

  /** Sum of {@code distanceDecay^d} over changed inputs at distance {@code d}. */
  public double exposure(int i) {
    return exposure[i];
  }

  /** Changed nodes within the exposure distance, or -1 when only the nearest was counted. */
  public int changedWithin(int i) {
    return changedWithin[i];
  }

  /**
   * The {@code slot}-th nearest changed input (0 = nearest) as a graph node, or -1; ties by
   * changed-node order.
   */
  public int nearestChanged(int i, int slot) {
    return nearestSource[i * NEAREST + slot];
  }

  /** Distance of {@link #nearestChanged}; for slot 0 always the node's distance. */
  public int nearestDistance(int i, int slot) {
    return nearestDistance[i * NEAREST + slot];
  }

  public boolean brokenNow(int i) {
    return brokenNow[i];
  }

  public int historyBuilds(int i) {
    return historyBuilds[i];
  }

  public int historyOwnFailures(int i) {
    return historyOwnFailures[i];
  }

  /** The node's smoothed fresh failure rate (from history, or the prior mean). */
  public double freshRate(int i) {
    return fresh[i];
  }

  /** The pooled fresh failure rate the model used as prior mean. */
  public double priorMean() {
    return priorMean;
  }

  /** The pooled probability that a broken node stays broken. */
  public double persistence() {
    return persistence;
  }

  /** Monte Carlo trials behind the probabilities and the distribution. */
  public int trials() {
    return trials;
  }

  /** Expected number of failures (own or dependency) over the nodes of {@code cls}. */
  public double expectedFailures(RiskClass cls) {
    double e = 0;
    for (int i = 0; i < size(); i++) {
      if (riskClass[i] == cls) {
        e += failure[i];
      }
    }
    return e;
  }

  /** Expected number of new failures: over the at-risk population (newly at risk + unknown). */
  public double expectedNewFailures() {
    return expectedFailures(RiskClass.NEWLY_AT_RISK) + expectedFailures(RiskClass.UNKNOWN);
  }

  /** Number of nodes in the at-risk population. */
  public int atRiskCount() {
    int n = 0;
    for (int i = 0; i < size(); i++) {
      n += atRisk(i) ? 1 : 0;
    }
    return n;
  }

  /**
   * The central prediction interval {@code [low, high]} of the number of new failures at {@code
   * confidence}: the simulated counts' {@code (1-c)/2} and {@code (1+c)/2} quantiles (lower:
   * smallest count with CDF >= (1-c)/2; upper: smallest count with CDF >= (1+c)/2).
   */
  public int[] interval(double confidence) {
    double tail = (1 - confidence) / 2;
    int n = sortedCounts.length;
    int lo = (int) Math.max(0, Math.ceil(tail * n) - 1);
    int hi = (int) Math.min(n - 1, Math.max(0, Math.ceil((1 - tail) * n) - 1));
    return new int[] {sortedCounts[lo], sortedCounts[hi]};
  }
}
