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
 * <p><b>Direction:</b> like {@link ReverseClosure}, a level with a wide frontier runs bottom-up
 * (unvisited nodes look for an input in the frontier); those levels are split by bitmap word
 * ranges, so each task writes only its own words. Top-down levels with a frontier of at least
 * {@link #SEQUENTIAL_FRONTIER} nodes are split by frontier slices and claim nodes atomically.
 *
 * <p><b>Complexity:</b> {@code O(k + e_k + V/64)} work as the sequential engine, spread over up to
 * {@code parallelism} tasks per level; narrow levels run on the calling thread, so a narrow search
 * pays no hand-off cost.
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
  private final long[] frontierBits;
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
    this.frontierBits = new long[RebuildSet.words(graph.nodeCount())];
    this.sequentialFrontier = Math.max(1, sequentialFrontier);
  }

  @Override
  public synchronized RebuildSet closure(int[] seeds, Policy policy) {
    if (policy == Policy.CUTOFF || policy.relation() != null) {
      throw ReverseClosure.rejected(policy);
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
    long unvisitedInputs = graph.edgeCount();
    long frontierDependents = 0;
    for (int i = 0; i < size; i++) {
      unvisitedInputs -= graph.inputCount(frontier[i]);
      frontierDependents += graph.dependentCount(frontier[i]);
    }
    boolean bottomUp = false;
    for (int level = 1; level <= maxLevel && size > 0; level++) {
      if (!bottomUp && frontierDependents > unvisitedInputs / ReverseClosure.ALPHA) {
        bottomUp = true;
      } else if (bottomUp && size < n / ReverseClosure.BETA) {
        bottomUp = false;
      }
      int[] next =
          bottomUp
              ? bottomUpLevel(frontier, size, level, bits)
              : expand(frontier, size, level, bits);
      frontier = next;
      size = next.length;
      total += size;
      frontierDependents = 0;
      for (int v : next) {
        unvisitedInputs -= graph.inputCount(v);
        frontierDependents += graph.dependentCount(v);
      }
    }
    RebuildSet result = ReverseClosure.collect(n, bits, total, distance);
    ReverseClosure.checkInvariants(result, seeds);
    return result;
  }

  /**
   * A bottom-up level: every unvisited node looks for an input in the frontier. The bitmap words
   * are split into contiguous ranges, one per task, so each task writes only its own words (no
   * atomics) and the next frontier is the tasks' outputs concatenated in range order.
   */
  private int[] bottomUpLevel(int[] frontier, int size, int level, long[] bits) {
    long[] fb = frontierBits;
    Arrays.fill(fb, 0L);
    for (int i = 0; i < size; i++) {
      fb[frontier[i] >>> 6] |= 1L << frontier[i];
    }
    int words = bits.length;
    // As many nodes per task as a top-down slice would get: sequentialFrontier / 64 words.
    int wordsPerTask = Math.max(1, sequentialFrontier / 64);
    int tasks = Math.min(parallelism, words / wordsPerTask);
    if (tasks <= 1) {
      return new BottomUp(0, words, level, bits).call();
    }
    List<java.util.concurrent.Callable<int[]>> parts = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      int from = (int) ((long) words * t / tasks);
      int to = (int) ((long) words * (t + 1) / tasks);
      parts.add(new BottomUp(from, to, level, bits));
    }
    return runAll(parts);
  }

  /** Runs the parts on the executor and concatenates their outputs in part order. */
  private int[] runAll(List<java.util.concurrent.Callable<int[]>> parts) {
    List<Future<int[]>> futures = new ArrayList<>(parts.size());
    try {
      for (java.util.concurrent.Callable<int[]> part : parts) {
        futures.add(executor.submit(part));
      }
      int[][] results = new int[parts.size()][];
      int count = 0;
      for (int t = 0; t < results.length; t++) {
        results[t] = futures.get(t).get();
        count += results[t].length;
      }
      int[] next = new int[count];
      int at = 0;
      for (int[] r : results) {
        System.arraycopy(r, 0, next, at, r.length);
        at += r.length;
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

  /**
   * Bottom-up over bitmap words {@code [from, to)}: claims unvisited nodes with a frontier input.
   */
  private final class BottomUp implements java.util.concurrent.Callable<int[]> {
    private final int from;
    private final int to;
    private final int level;
    private final long[] bits;

    BottomUp(int from, int to, int level, long[] bits) {
      this.from = from;
      this.to = to;
      this.level = level;
      this.bits = bits;
    }

    @Override
    public int[] call() {
      int n = graph.nodeCount();
      long[] fb = frontierBits;
      int[] out = new int[64];
      int size = 0;
      for (int w = from; w < to; w++) {
        long open = ~bits[w];
        if (w == bits.length - 1 && (n & 63) != 0) {
          open &= (1L << n) - 1;
        }
        while (open != 0) {
          int u = (w << 6) | Long.numberOfTrailingZeros(open);
          open &= open - 1;
          for (int p = graph.inputsStart(u), end = graph.inputsEnd(u); p < end; p++) {
            int x = graph.input(p);
            if ((fb[x >>> 6] & (1L << x)) != 0) {
              bits[w] |= 1L << u;
              distance[u] = level;
              if (size == out.length) {
                out = Arrays.copyOf(out, size * 2);
              }
              out[size++] = u;
              break;
            }
          }
        }
      }
      return Arrays.copyOf(out, size);
    }
  }

  /** Claims the unvisited dependents of {@code frontier[0..size)} at distance {@code level}. */
  private int[] expand(int[] frontier, int size, int level, long[] bits) {
    if (size < sequentialFrontier || parallelism == 1) {
      return new Expansion(frontier, 0, size, level, bits).call();
    }
    int tasks = Math.min(parallelism, size);
    List<java.util.concurrent.Callable<int[]>> parts = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      int from = (int) ((long) size * t / tasks);
      int to = (int) ((long) size * (t + 1) / tasks);
      parts.add(new Expansion(frontier, from, to, level, bits));
    }
    return runAll(parts);
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
