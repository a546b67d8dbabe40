package dev.preflight.cost;

import dev.preflight.graph.PackageGraph;
import dev.preflight.settings.CostSettings;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The jobs of a rebuild with their durations: each job's expected seconds (its node's point
 * duration), the system features it requires ({@link #placementRule}: the graph's {@code
 * requiredSystemFeatures}, or {@code big-parallel} guessed from durations), the bottom levels
 * (longest remaining duration-weighted path in the jobs' {@link BuildOrder}, the {@code
 * critical-path} scheduler's priority) and the critical path itself, all at speed factor 1 (the
 * cluster's critical path, at the fastest eligible machine's speed, is {@link
 * Simulator#criticalPath()}). Draws of job durations for Monte Carlo runs.
 *
 * <p><b>Complexity:</b> {@code O(k + jobEdges)} to build. <b>Thread-safety:</b> immutable; {@link
 * #sample} uses only the caller's random generator.
 */
public final class Workload {
  /** The system feature multi-hour builds require on clusters that offer it. */
  public static final String BIG_PARALLEL = "big-parallel";

  private final JobGraph jobs;
  private final Durations durations;
  private final double[] point;
  private final boolean[] bigParallel;
  private final PlacementRule placementRule;
  private final double bigParallelSeconds;
  private final double[] bottomLevel;
  private final double totalWork;
  private final double criticalPathSeconds;
  private final int[] criticalPathJobs;

  private Workload(JobGraph jobs, Durations durations, double bigParallelSeconds) {
    this.jobs = jobs;
    this.durations = durations;
    int n = jobs.jobCount();
    this.point = new double[n];
    this.bigParallel = new boolean[n];
    this.placementRule =
        jobs.graph().recordsFeatures()
            ? PlacementRule.GRAPH_FEATURES
            : PlacementRule.DURATION_GUESS;
    this.bigParallelSeconds = bigParallelSeconds;
    double work = 0;
    for (int j = 0; j < n; j++) {
      double sum = 0;
      for (int p = jobs.membersStart(j); p < jobs.membersEnd(j); p++) {
        double d = durations.point(jobs.member(p));
        sum += d;
        if (d >= bigParallelSeconds) {
          bigParallel[j] = true;
        }
      }
      point[j] = sum;
      work += sum;
    }
    this.totalWork = work;
    this.bottomLevel = jobs.bottomLevels(point);
    JobGraph.Chain critical = jobs.longestChain(point);
    this.criticalPathJobs = critical.jobs();
    this.criticalPathSeconds = critical.length();
  }

  /** The workload of {@code jobs} with {@code durations}. */
  public static Workload of(JobGraph jobs, Durations durations, CostSettings s) {
    if (durations.size() != jobs.graph().nodeCount()) {
      throw new IllegalArgumentException("durations are for another graph");
    }
    return new Workload(jobs, durations, s.bigParallelSeconds());
  }

  public JobGraph jobs() {
    return jobs;
  }

  public Durations durations() {
    return durations;
  }

  /** Number of jobs. */
  public int jobCount() {
    return point.length;
  }

  /** Expected seconds of {@code job} at speed 1. */
  public double point(int job) {
    return point[job];
  }

  /** Every job's expected seconds (a copy). */
  public double[] points() {
    return point.clone();
  }

  /** Whether {@code job} has a member expected to take at least {@code bigParallelSeconds}. */
  public boolean needsBigParallel(int job) {
    return bigParallel[job];
  }

  /** Where the features that place builds come from (see {@link PlacementRule}). */
  public PlacementRule placementRule() {
    return placementRule;
  }

  /** The duration from which {@link PlacementRule#DURATION_GUESS} requires {@code big-parallel}. */
  public double bigParallelSeconds() {
    return bigParallelSeconds;
  }

  /**
   * The system features {@code job} asks for, sorted: under {@link PlacementRule#GRAPH_FEATURES}
   * the union of its members' {@code requiredSystemFeatures}; under {@link
   * PlacementRule#DURATION_GUESS} {@code big-parallel} if {@link #needsBigParallel} (the {@link
   * Simulator} drops it where the cluster cannot honour it), else none.
   */
  public List<String> requiredFeatures(int job) {
    if (placementRule == PlacementRule.DURATION_GUESS) {
      return bigParallel[job] ? List.of(BIG_PARALLEL) : List.of();
    }
    PackageGraph g = jobs.graph();
    if (jobs.memberCount(job) == 1) {
      return g.requiredFeatures(jobs.member(jobs.membersStart(job)));
    }
    TreeSet<String> union = new TreeSet<>();
    for (int p = jobs.membersStart(job); p < jobs.membersEnd(job); p++) {
      union.addAll(g.requiredFeatures(jobs.member(p)));
    }
    return List.copyOf(union);
  }

  /** Longest expected path from the start of {@code job} to the end of the rebuild. */
  public double bottomLevel(int job) {
    return bottomLevel[job];
  }

  /** Sum of all jobs' expected seconds at speed 1. */
  public double totalWork() {
    return totalWork;
  }

  /** Seconds of the longest duration-weighted chain of jobs in the order's DAG, at speed 1. */
  public double criticalPathSeconds() {
    return criticalPathSeconds;
  }

  /** The jobs of that chain, inputs first (ties go to the lower-numbered input). */
  public int[] criticalPathJobs() {
    return criticalPathJobs.clone();
  }

  /**
   * One draw of every job's duration: each member's log-normal draw, summed per job. Members are
   * drawn in job order then member order, so the same generator state gives the same draw.
   */
  public double[] sample(SplittableRandom random) {
    double[] out = new double[point.length];
    for (int j = 0; j < point.length; j++) {
      double sum = 0;
      for (int p = jobs.membersStart(j); p < jobs.membersEnd(j); p++) {
        sum += durations.draw(jobs.member(p), random);
      }
      out[j] = sum;
    }
    return out;
  }
}
