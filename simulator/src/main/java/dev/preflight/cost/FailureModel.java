package dev.preflight.cost;

import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which builds fail in a simulation: a per-node failure probability (one job per node). A failing
 * build runs for a fraction of its duration and is billed; every job that needs it in the order's
 * DAG, transitively, is "dependency failed" (Hydra build status 2) and is neither built nor billed
 * (under {@code independent} no job needs another, so nothing is).
 *
 * <p>Immutable and thread-safe.
 */
public final class FailureModel {
  private static final FailureModel NONE = new FailureModel(null);

  private final double[] probability;

  private FailureModel(double[] probability) {
    this.probability = probability;
  }

  /** No build fails. */
  public static FailureModel none() {
    return NONE;
  }

  /**
   * Node {@code v} fails with probability {@code nodeProbability[v]} (e.g. from a risk model).
   *
   * @throws IllegalArgumentException for a value outside {@code [0, 1]}
   */
  public static FailureModel of(double[] nodeProbability) {
    double[] p = nodeProbability.clone();
    for (double x : p) {
      if (!(x >= 0 && x <= 1)) {
        throw new IllegalArgumentException("failure probabilities must be in [0, 1], got " + x);
      }
    }
    return new FailureModel(p);
  }

  /** Every node whose previous build was {@code RED} fails again; the others succeed. */
  public static FailureModel previouslyRed(PackageGraph g) {
    double[] p = new double[g.nodeCount()];
    for (int v = 0; v < p.length; v++) {
      p[v] = g.lastStatus(v) == NodeStatus.RED ? 1 : 0;
    }
    return new FailureModel(p);
  }

  /** Every node fails independently with probability {@code rate}. */
  public static FailureModel uniform(int nodeCount, double rate) {
    double[] p = new double[nodeCount];
    Arrays.fill(p, rate);
    return of(p);
  }

  /** Each node fails with the larger of the two models' probabilities. */
  public FailureModel orWorse(FailureModel other) {
    if (probability == null) {
      return other;
    }
    if (other.probability == null) {
      return this;
    }
    double[] p = new double[probability.length];
    for (int v = 0; v < p.length; v++) {
      p[v] = Math.max(probability[v], other.probability[v]);
    }
    return new FailureModel(p);
  }

  /** Whether no build can fail. */
  public boolean isNone() {
    if (probability == null) {
      return true;
    }
    for (double x : probability) {
      if (x > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * One draw: per job, whether it fails; null when nothing can fail. Certain outcomes (0 or 1)
   * consume no randomness.
   */
  boolean[] draw(JobGraph jobs, SplittableRandom random) {
    if (probability == null) {
      return null;
    }
    if (probability.length != jobs.graph().nodeCount()) {
      throw new IllegalArgumentException("failure probabilities are for another graph");
    }
    boolean[] fails = new boolean[jobs.jobCount()];
    for (int j = 0; j < fails.length; j++) {
      for (int p = jobs.membersStart(j); p < jobs.membersEnd(j); p++) {
        double x = probability[jobs.member(p)];
        if (x >= 1 || (x > 0 && random.nextDouble() < x)) {
          fails[j] = true;
        }
      }
    }
    return fails;
  }
}
