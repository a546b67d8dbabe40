package dev.preflight.cost;

import dev.preflight.settings.CostSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The jobs of a rebuild with their durations: each job's expected seconds (the sum of its members'
 * point durations), the derived {@code big-parallel} requirement, the bottom levels (longest
 * remaining duration-weighted path, the {@code critical-path} scheduler's priority) and the
 * critical path itself, all at speed factor 1. Draws of job durations for Monte Carlo runs.
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
    // Bottom levels: dependents have higher numbers, so walk downwards.
    this.bottomLevel = new double[n];
    for (int j = n - 1; j >= 0; j--) {
      double best = 0;
      for (int p = jobs.dependentsStart(j); p < jobs.dependentsEnd(j); p++) {
        best = Math.max(best, bottomLevel[jobs.dependent(p)]);
      }
      bottomLevel[j] = point[j] + best;
    }
    // Top levels with predecessor links give the path itself.
    double[] top = new double[n];
    int[] via = new int[n];
    int end = -1;
    for (int j = 0; j < n; j++) {
      double best = 0;
      int from = -1;
      for (int p = jobs.inputsStart(j); p < jobs.inputsEnd(j); p++) {
        int i = jobs.input(p);
        if (from < 0 || top[i] > best) {
          best = top[i];
          from = i;
        }
      }
      top[j] = best + point[j];
      via[j] = from;
      if (end < 0 || top[j] > top[end]) {
        end = j;
      }
    }
    List<Integer> path = new ArrayList<>();
    for (int j = end; j >= 0; j = via[j]) {
      path.add(j);
    }
    Collections.reverse(path);
    this.criticalPathJobs = path.stream().mapToInt(Integer::intValue).toArray();
    this.criticalPathSeconds = end < 0 ? 0 : top[end];
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

  /** Longest expected path from the start of {@code job} to the end of the rebuild. */
  public double bottomLevel(int job) {
    return bottomLevel[job];
  }

  /** Sum of all jobs' expected seconds at speed 1. */
  public double totalWork() {
    return totalWork;
  }

  /** Seconds of the longest duration-weighted chain of jobs, at speed 1. */
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
