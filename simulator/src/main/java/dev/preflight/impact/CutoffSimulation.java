package dev.preflight.impact;

import dev.preflight.graph.PackageGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The {@link Policy#CUTOFF} policy (OBS build-compare, Nix content-addressed derivations), answered
 * by seeded Monte Carlo.
 *
 * <p><b>Model.</b> The changed nodes rebuild and their outputs change: the change was made to their
 * own inputs in order to change them, so the seeds always propagate. Every other node rebuilds when
 * at least one of its inputs' outputs changed; its own output is then identical to the old one with
 * probability {@code p} (the node's {@code unchangedProbability}, else the default), and in that
 * case propagation stops there. Each node draws once per trial, no matter how many changed inputs
 * it has. Consequences that the tests pin: {@code p = 0} everywhere gives the transitive set,
 * {@code p = 1} gives the direct set, and every trial lies between the two. (Were the seeds subject
 * to cutoff too, a version bump would rebuild nothing but itself 90% of the time, which is not what
 * maintainers observe.)
 *
 * <p><b>Determinism.</b> Trial {@code t} uses the {@code t}-th generator split in order from {@code
 * new SplittableRandom(seed)} and draws in BFS order, so results depend only on the graph, the
 * change, the seed and the sample count — not on the thread count.
 *
 * <p><b>Complexity:</b> {@code O(samples * (k + e_k + V/64))} for trials of size {@code k}; memory:
 * per task a queue and a stamp array of {@code V} ints. Trials run in {@code parallelism}
 * contiguous slices on the caller's executor; a worker's exception is rethrown with its type.
 *
 * <p><b>Invariants</b> (checked): every trial's count lies between the direct and the transitive
 * count of the same change.
 */
public final class CutoffSimulation {
  /**
   * Trials at most: the percentiles settle within a few thousand, and every trial holds a generator
   * and a count until the end.
   */
  public static final int MAX_SAMPLES = 100_000;

  private final PackageGraph graph;
  private final double defaultUnchanged;

  /**
   * @param defaultUnchanged probability that a rebuild reproduces the old output, for nodes that do
   *     not carry their own
   */
  public CutoffSimulation(PackageGraph graph, double defaultUnchanged) {
    if (!(defaultUnchanged >= 0 && defaultUnchanged <= 1)) {
      throw new IllegalArgumentException("default unchanged probability must be in [0, 1]");
    }
    this.graph = graph;
    this.defaultUnchanged = defaultUnchanged;
  }

  /** The probability that {@code node}'s output is unchanged after a rebuild. */
  public double unchangedProbability(int node) {
    double p = graph.unchangedProbability(node);
    return Double.isNaN(p) ? defaultUnchanged : p;
  }

  /**
   * Every node that rebuilds in at least one possible outcome: the closure where propagation passes
   * through the seeds and through nodes whose unchanged probability is below one.
   */
  public RebuildSet possible(int[] seeds) {
    int n = graph.nodeCount();
    long[] bits = new long[RebuildSet.words(n)];
    int[] queue = new int[n];
    int[] distance = new int[n];
    int tail = 0;
    for (int s : seeds) {
      ReverseClosure.checkNode(s, n);
      if ((bits[s >>> 6] & (1L << s)) == 0) {
        bits[s >>> 6] |= 1L << s;
        queue[tail++] = s;
      }
    }
    int seedCount = tail;
    for (int head = 0; head < tail; head++) {
      int v = queue[head];
      if (head >= seedCount && unchangedProbability(v) >= 1.0) {
        continue;
      }
      for (int p = graph.dependentsStart(v); p < graph.dependentsEnd(v); p++) {
        int w = graph.dependent(p);
        if ((bits[w >>> 6] & (1L << w)) == 0) {
          bits[w >>> 6] |= 1L << w;
          distance[w] = distance[v] + 1;
          queue[tail++] = w;
        }
      }
    }
    return ReverseClosure.collect(n, bits, tail, distance);
  }

  /** The rebuild counts of {@code samples} trials, in trial order. */
  public int[] trials(
      int[] seeds, int samples, long seed, ExecutorService executor, int parallelism) {
    if (samples < 1 || samples > MAX_SAMPLES) {
      throw new IllegalArgumentException("samples must be in [1, " + MAX_SAMPLES + "]");
    }
    int n = graph.nodeCount();
    for (int s : seeds) {
      ReverseClosure.checkNode(s, n);
    }
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] rngs = new SplittableRandom[samples];
    for (int t = 0; t < samples; t++) {
      rngs[t] = root.split();
    }
    int[] sizes = new int[samples];
    int tasks = Math.max(1, Math.min(parallelism, samples));
    if (tasks == 1 || executor == null) {
      runSlice(seeds, rngs, sizes, 0, samples);
      return sizes;
    }
    List<Future<?>> futures = new ArrayList<>(tasks);
    try {
      for (int t = 0; t < tasks; t++) {
        int from = (int) ((long) samples * t / tasks);
        int to = (int) ((long) samples * (t + 1) / tasks);
        futures.add(executor.submit(() -> runSlice(seeds, rngs, sizes, from, to)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      CancellationException c = new CancellationException("cutoff simulation interrupted");
      c.initCause(e);
      throw c;
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw ParallelClosure.rethrow(e.getCause());
    }
    return sizes;
  }

  /** Runs the trials and summarises them; checks each against the direct and transitive sizes. */
  public CutoffStats simulate(
      int[] seeds, int samples, long seed, ExecutorService executor, int parallelism) {
    int[] sizes = trials(seeds, samples, seed, executor, parallelism);
    ReverseClosure bfs = new ReverseClosure(graph);
    int lower = bfs.closure(seeds, Policy.DIRECT).size();
    int upper = bfs.closure(seeds, Policy.TRANSITIVE).size();
    for (int s : sizes) {
      if (s < lower || s > upper) {
        throw new IllegalStateException(
            "cutoff trial of " + s + " outside [direct " + lower + ", transitive " + upper + "]");
      }
    }
    return summarise(sizes, seed);
  }

  /** Nearest-rank percentiles and the mean of {@code sizes}. */
  static CutoffStats summarise(int[] sizes, long seed) {
    int[] sorted = sizes.clone();
    Arrays.sort(sorted);
    long sum = 0;
    for (int s : sorted) {
      sum += s;
    }
    return new CutoffStats(
        sorted.length,
        seed,
        (double) sum / sorted.length,
        rank(sorted, 10),
        rank(sorted, 50),
        rank(sorted, 90),
        sorted[0],
        sorted[sorted.length - 1]);
  }

  private static int rank(int[] sorted, int percent) {
    int r = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, r - 1)];
  }

  private void runSlice(int[] seeds, SplittableRandom[] rngs, int[] sizes, int from, int to) {
    int n = graph.nodeCount();
    int[] stamp = new int[n];
    int[] queue = new int[n];
    for (int t = from; t < to; t++) {
      int generation = t - from + 1;
      sizes[t] = trial(seeds, rngs[t], stamp, queue, generation);
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("cutoff simulation interrupted");
      }
    }
  }

  /** One trial: BFS where a non-seed node propagates only if its output changed. */
  private int trial(int[] seeds, SplittableRandom rng, int[] stamp, int[] queue, int generation) {
    int tail = 0;
    for (int s : seeds) {
      if (stamp[s] != generation) {
        stamp[s] = generation;
        queue[tail++] = s;
      }
    }
    int seedCount = tail;
    for (int head = 0; head < tail; head++) {
      int v = queue[head];
      if (head >= seedCount && rng.nextDouble() < unchangedProbability(v)) {
        continue; // rebuilt, output identical: its dependents are not affected through it
      }
      for (int p = graph.dependentsStart(v), end = graph.dependentsEnd(v); p < end; p++) {
        int w = graph.dependent(p);
        if (stamp[w] != generation) {
          stamp[w] = generation;
          queue[tail++] = w;
        }
      }
    }
    return tail;
  }
}
