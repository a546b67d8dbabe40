package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A reverse-closure engine for big changes (many changed nodes, wide frontiers): a
 * level-synchronous breadth-first search whose levels are split across the caller's executor.
 *
 * <p><b>Computes</b> exactly what {@link ReverseClosure} computes (same members, same distances): a
 * node's distance is the level at which it is first claimed, and a level is finished before the
 * next starts, so the answer does not depend on the thread count or on scheduling. Members are
 * claimed with an atomic {@code getAndBitwiseOr} on the result bitmap, so each node is expanded
 * exactly once.
 *
 * <p><b>Complexity:</b> {@code O(k + e_k + V/64)} work as the sequential engine, spread over up to
 * {@code parallelism} tasks per level; levels whose frontier is smaller than {@link
 * #SEQUENTIAL_FRONTIER} run on the calling thread, so a narrow search pays no hand-off cost.
 *
 * <p><b>Thread-safety:</b> the caller owns the executor (this class never creates or shuts one
 * down). One query at a time per engine ({@link #closure} is synchronized, the distance scratch is
 * shared). A worker's exception is rethrown on the calling thread with its original type and cause;
 * an interrupt cancels the query with {@link CancellationException}, interrupt flag restored.
 *
 * <p><b>Invariants</b> (checked at the end of each query): every seed is a member at distance 0;
 * the bitmap holds exactly the nodes the levels discovered.
 */
public final class ParallelClosure implements ClosureEngine {
  /** Frontiers smaller than this are expanded on the calling thread. */
  static final int SEQUENTIAL_FRONTIER = 2048;

  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

  private final DependencyGraph graph;
  private final ExecutorService executor;
  private final int parallelism;
  private final int[] distance;
  private final int sequentialFrontier;

  /**
   * @param executor runs the level tasks; owned by the caller
   * @param parallelism how many tasks a wide level is split into (e.g. the executor's threads)
   */
  public ParallelClosure(DependencyGraph graph, ExecutorService executor, int parallelism) {
    this(graph, executor, parallelism, SEQUENTIAL_FRONTIER);
  }

  /** As above, with the frontier size below which a level runs sequentially (tests use 1). */
  ParallelClosure(
      DependencyGraph graph, ExecutorService executor, int parallelism, int sequentialFrontier) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    this.graph = graph;
    this.executor = executor;
    this.parallelism = parallelism;
    this.distance = new int[graph.nodeCount()];
    this.sequentialFrontier = Math.max(1, sequentialFrontier);
  }

  @Override
  public synchronized RebuildSet closure(int[] seeds, Policy policy) {
    if (policy == Policy.CUTOFF) {
      throw ReverseClosure.cutoffRejected();
    }
    int n = graph.nodeCount();
    long[] bits = new long[RebuildSet.words(n)];
    int[] frontier = new int[Math.min(n, Math.max(16, seeds.length))];
    int size = 0;
    for (int s : seeds) {
      ReverseClosure.checkNode(s, n);
      long mask = 1L << s;
      if ((bits[s >>> 6] & mask) == 0) {
        bits[s >>> 6] |= mask;
        frontier[size++] = s;
        distance[s] = 0;
      }
    }
    int total = size;
    int maxLevel =
        switch (policy) {
          case LOCAL -> 0;
          case DIRECT -> 1;
          default -> Integer.MAX_VALUE;
        };
    for (int level = 1; level <= maxLevel && size > 0; level++) {
      int[] next = expand(frontier, size, level, bits);
      frontier = next;
      size = next.length;
      total += size;
    }
    RebuildSet result = ReverseClosure.collect(n, bits, total, distance);
    ReverseClosure.checkInvariants(result, seeds);
    return result;
  }

  /** Claims the unvisited dependents of {@code frontier[0..size)} at distance {@code level}. */
  private int[] expand(int[] frontier, int size, int level, long[] bits) {
    if (size < sequentialFrontier || parallelism == 1) {
      return new Expansion(frontier, 0, size, level, bits).call();
    }
    int tasks = Math.min(parallelism, size);
    List<Future<int[]>> futures = new ArrayList<>(tasks);
    try {
      for (int t = 0; t < tasks; t++) {
        int from = (int) ((long) size * t / tasks);
        int to = (int) ((long) size * (t + 1) / tasks);
        futures.add(executor.submit(new Expansion(frontier, from, to, level, bits)));
      }
      int[][] parts = new int[tasks][];
      int count = 0;
      for (int t = 0; t < tasks; t++) {
        parts[t] = futures.get(t).get();
        count += parts[t].length;
      }
      int[] next = new int[count];
      int at = 0;
      for (int[] part : parts) {
        System.arraycopy(part, 0, next, at, part.length);
        at += part.length;
      }
      return next;
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      CancellationException c = new CancellationException("closure interrupted");
      c.initCause(e);
      throw c;
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw rethrow(e.getCause());
    }
  }

  /** The worker's own exception, unwrapped, so callers see the root cause and its type. */
  static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException("closure worker failed: " + cause, cause);
  }

  /** One slice of a level: expands frontier[from..to), returns the nodes it claimed. */
  private final class Expansion implements java.util.concurrent.Callable<int[]> {
    private final int[] frontier;
    private final int from;
    private final int to;
    private final int level;
    private final long[] bits;

    Expansion(int[] frontier, int from, int to, int level, long[] bits) {
      this.frontier = frontier;
      this.from = from;
      this.to = to;
      this.level = level;
      this.bits = bits;
    }

    @Override
    public int[] call() {
      int[] out = new int[Math.max(16, to - from)];
      int size = 0;
      for (int i = from; i < to; i++) {
        int v = frontier[i];
        for (int p = graph.dependentsStart(v), end = graph.dependentsEnd(v); p < end; p++) {
          int w = graph.dependent(p);
          long mask = 1L << w;
          int word = w >>> 6;
          // A plain read first: most dependents of a wide level are already claimed.
          if ((bits[word] & mask) != 0) {
            continue;
          }
          long old = (long) WORDS.getAndBitwiseOr(bits, word, mask);
          if ((old & mask) == 0) {
            distance[w] = level;
            if (size == out.length) {
              out = Arrays.copyOf(out, size * 2);
            }
            out[size++] = w;
          }
        }
      }
      return Arrays.copyOf(out, size);
    }
  }
}
