package dev.preflight.cost;

import dev.preflight.graph.InputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The dispatch policies: which runnable job a free build slot takes. Each gives every job a
 * dispatch key (smaller first); ties go to the smaller queue position. Reverse dependencies and
 * bottom levels are those of the jobs' {@link BuildOrder} DAG. The machine choice is Hydra's: the
 * Rust queue runner's for {@link #HYDRA} and {@link #HYDRA_CRITICAL_PATH}, the C++ dispatcher's for
 * the others (see {@link Simulator}).
 *
 * <p>Hydra's sources read for this (NixOS/hydra at commit {@code
 * 14332fbf55470184984bf76488960741510971d0}): the Rust queue runner under {@code
 * subprojects/hydra-queue-runner/src/}: {@code config.rs} ({@code StepSortFn}: {@code Legacy},
 * {@code WithRdeps} the default, {@code WithCriticalPath}), {@code state/step_info.rs} ({@code
 * compare_with_rdeps}, {@code compare_with_critical_path}), {@code state/step.rs} ({@code
 * compute_critical_paths}: {@code cp_length}), {@code state/queue.rs} ({@code sort_jobs}, {@code
 * process}). The C++ dispatcher {@code src/hydra-queue-runner/dispatcher.cc} was deleted by commit
 * {@code 7d9f5364} (committed 2026-03-11, "feat: hydra-queue-runner").
 */
public enum Scheduler {
  /**
   * Hydra's Rust queue runner with its default step sort {@code WithRdeps} ({@code
   * compare_with_rdeps}): highest global priority, then lowest jobset share used, then <b>more
   * reverse dependencies</b> ({@code rdeps_len}: the steps waiting on this one), then highest local
   * priority, then lowest build id. One evaluation of one jobset is queued here, so global
   * priority, share used and local priority are equal for every build and drop out; reverse
   * dependencies are the job's direct dependents in the order's DAG; the lowest build id is the
   * smallest queue position among the job and every job that transitively needs it. Unlike the C++
   * dispatcher there is no required-features term.
   */
  HYDRA("hydra"),
  /**
   * Hydra's Rust queue runner with its experimental step sort {@code WithCriticalPath} ({@code
   * compare_with_critical_path}): as {@link #HYDRA} with {@code rdeps_len} replaced by {@code
   * cp_length}, the number of steps on the longest chain of unfinished reverse dependencies
   * including the step itself ({@code compute_critical_paths}): an <b>unweighted</b> step count,
   * unlike {@link #CRITICAL_PATH}'s seconds.
   */
  HYDRA_CRITICAL_PATH("hydra-critical-path"),
  /**
   * Hydra's C++ dispatcher as it was until commit 7d9f5364 ({@code
   * src/hydra-queue-runner/dispatcher.cc}, {@code doDispatch}): runnable steps sorted by highest
   * global priority, then lowest jobset share used, then highest local scheduling priority, then
   * more required system features, then more reverse dependencies, then lowest build id. In this
   * model one evaluation of one jobset is queued, so the global priority (an admin's bump), the
   * share used and the local priority ({@code meta.schedulingPriority}, default 100) are the same
   * for every build and drop out. Required system features are the job's as placed ({@link
   * PlacementRule}: the graph's {@code requiredSystemFeatures}, or the guessed {@code big-parallel}
   * where the cluster offers it); reverse dependencies are the job's direct dependents in the
   * order's DAG ({@code step_.rdeps}: the steps waiting on it); the lowest build id is the smallest
   * queue position among the job and every job that transitively needs it (a step's {@code
   * lowestBuildID} is the lowest id of the builds depending on it, and each rebuilt node is a build
   * queued in node order).
   */
  HYDRA_LEGACY("hydra-legacy"),
  /** First come, first served: by the time a job became runnable, then queue position. */
  FIFO("fifo"),
  /**
   * Longest remaining duration-weighted path first (the job's bottom level: its own expected
   * seconds plus the longest chain of expected seconds that waits on it). No production scheduler
   * does this today; it shows what a smarter dispatcher would gain.
   */
  CRITICAL_PATH("critical-path"),
  /**
   * Jobs that the chosen channels' builds need (transitively, or are themselves in a channel)
   * first, then by critical path. Without chosen channels, every channel counts.
   */
  CHANNEL_FIRST("channel-first");

  private final String label;

  Scheduler(String label) {
    this.label = label;
  }

  /** The name used on the command line and in reports. */
  public String label() {
    return label;
  }

  /**
   * The scheduler a run uses when none is named: {@link #CRITICAL_PATH} (longest remaining work
   * first) on a Debian graph, else the settings' {@code cost.scheduler}.
   *
   * <p>Why not Hydra's order on Debian: Debian's buildds are not dispatched by Hydra. wanna-build
   * hands each idle buildd the next package by its build priority, which the release team raises
   * ({@code wb bp}) for the long builds that hold a transition back
   * (https://release.debian.org/wanna-build.txt); longest-first is that practice taken to its end
   * and keeps a round of independent builds within a few percent of its lower bound, where a
   * priority blind to durations (Hydra's step order, fifo) starts a 3.6-hour rustc-web last and
   * finishes zlib's round in 5.9 h instead of 3.6 h. {@code --scheduler fifo} models a queue that
   * ignores durations.
   */
  public static Scheduler defaultFor(dev.preflight.graph.GraphMetadata metadata, String fallback) {
    if ("debian".equals(metadata.distribution())) {
      return CRITICAL_PATH;
    }
    return byName(fallback);
  }

  /**
   * The scheduler with this name.
   *
   * @throws InputException naming the word and the known schedulers
   */
  public static Scheduler byName(String name) {
    if (name != null) {
      for (Scheduler s : values()) {
        if (s.label.equalsIgnoreCase(name.trim())) {
          return s;
        }
      }
    }
    throw dev.preflight.graph.Names.unknown(
        "scheduler",
        name,
        Arrays.stream(values()).map(Scheduler::label).collect(Collectors.toList()));
  }

  /**
   * Whether keys are fixed before the run ({@link #FIFO}'s depend on when a job turns runnable).
   */
  boolean isStatic() {
    return this != FIFO;
  }

  /**
   * Whether machines are chosen as Hydra's Rust queue runner chooses them (each step in queue order
   * takes the first free machine by score) rather than as the C++ dispatcher did.
   */
  boolean rustMachineChoice() {
    return this == HYDRA || this == HYDRA_CRITICAL_PATH;
  }

  /**
   * The fixed dispatch keys of every job (smaller first), or null for {@link #FIFO}.
   *
   * @param featureCount per job, the number of system features it requires on this cluster
   * @param blocksChannel per job, whether a chosen channel's builds need it (channel-first only)
   */
  long[] staticKeys(Workload w, int[] featureCount, boolean[] blocksChannel) {
    JobGraph g = w.jobs();
    int n = g.jobCount();
    long[] key = new long[n];
    switch (this) {
      case FIFO -> {
        return null;
      }
      case HYDRA_LEGACY -> {
        int[] lowest = lowestBuildIds(g);
        // Packed: fewer features (31 - count, 5 bits), fewer rdeps (26 bits), lowest id (31 bits).
        long rdepsCap = (1L << 26) - 1;
        for (int j = 0; j < n; j++) {
          long features = 31 - Math.min(31, featureCount[j]);
          long rdeps = rdepsCap - Math.min(rdepsCap, g.dependentCount(j));
          key[j] = (features << 57) | (rdeps << 31) | lowest[j];
        }
      }
      case HYDRA, HYDRA_CRITICAL_PATH -> {
        int[] lowest = lowestBuildIds(g);
        double[] steps = null;
        if (this == HYDRA_CRITICAL_PATH) {
          double[] one = new double[n];
          Arrays.fill(one, 1);
          steps = g.bottomLevels(one);
        }
        // Packed: more rdeps or longer step chain first (32 bits), then lowest id (31 bits).
        long cap = (1L << 32) - 1;
        for (int j = 0; j < n; j++) {
          long count = steps == null ? g.dependentCount(j) : (long) steps[j];
          key[j] = ((cap - Math.min(cap, count)) << 31) | lowest[j];
        }
      }
      case CRITICAL_PATH -> {
        for (int j = 0; j < n; j++) {
          // For doubles >= 0 the raw bits order like the values: negate for "longest first".
          key[j] = -Double.doubleToLongBits(w.bottomLevel(j));
        }
      }
      case CHANNEL_FIRST -> {
        long max = 0;
        for (int j = 0; j < n; j++) {
          max = Math.max(max, Double.doubleToLongBits(w.bottomLevel(j)));
        }
        for (int j = 0; j < n; j++) {
          long bits = Double.doubleToLongBits(w.bottomLevel(j));
          // Blocking jobs get keys <= 0, the others keys >= 1, longest path first in each.
          key[j] = blocksChannel[j] ? -bits : max - bits + 1;
        }
      }
      default -> throw new IllegalStateException(name());
    }
    return key;
  }

  /** Per job, the smallest queue position among it and every job that transitively needs it. */
  private static int[] lowestBuildIds(JobGraph g) {
    int n = g.jobCount();
    int[] lowest = new int[n];
    for (int j = n - 1; j >= 0; j--) {
      int low = g.queuePosition(j);
      for (int p = g.dependentsStart(j); p < g.dependentsEnd(j); p++) {
        low = Math.min(low, lowest[g.dependent(p)]);
      }
      lowest[j] = low;
    }
    return lowest;
  }
}
