package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;

/**
 * The single-threaded reverse-closure engine: a multi-source breadth-first search over the
 * dependents (reverse CSR) index.
 *
 * <p><b>Computes</b> the rebuild set of a change under {@link Policy#TRANSITIVE} (every node that
 * reaches a changed node), {@link Policy#DIRECT} (changed nodes and their direct dependents) or
 * {@link Policy#LOCAL} (changed nodes only), with BFS distances from the nearest changed node.
 * Under TRANSITIVE a strongly connected component is entered once and then wholly visited, because
 * all its members reach each other; DIRECT and LOCAL never look past one edge, so cycles do not
 * expand.
 *
 * <p><b>Complexity:</b> {@code O(k + e_k + V/64)} time for a rebuild set of {@code k} nodes whose
 * dependents lists total {@code e_k} entries; the {@code V/64} term is the bitmap scan that lists
 * the members in ascending order without sorting. TRANSITIVE is direction-optimizing: levels with a
 * wide frontier run bottom-up ({@code O(V/64 + inputs scanned)} per such level), which on a graph
 * whose large cycle is needed by nearly everything checks one or two inputs per node instead of
 * every edge. Iterative, no recursion.
 *
 * <p><b>Memory:</b> two scratch {@code int[V]} arrays (queue and distance) and a frontier bitmap
 * allocated once per engine; a query allocates only its result (the bitmap, the members and their
 * distances), so repeated queries create no garbage per visited node. The distance scratch needs no
 * clearing: it is read only for nodes whose bit the current query has set.
 *
 * <p><b>Thread-safety:</b> not thread-safe (the scratch arrays are reused); use one engine per
 * thread. The graph is only read.
 *
 * <p><b>Invariants</b> (checked at the end of each query): every seed is a member at distance 0;
 * the number of bits set equals the number of members discovered.
 */
public final class ReverseClosure implements ClosureEngine {
  private final DependencyGraph graph;
  private final int[] queue;
  private final int[] distance;
  private final long[] frontierBits;

  /** Switch to bottom-up when frontier dependents exceed unvisited inputs / ALPHA (Beamer). */
  static final int ALPHA = 14;

  /** Switch back to top-down when the frontier is smaller than nodes / BETA (Beamer). */
  static final int BETA = 24;

  private final int alpha;
  private final int beta;

  public ReverseClosure(DependencyGraph graph) {
    this(graph, ALPHA, BETA);
  }

  /**
   * With other switching thresholds; tests force one direction: {@code alpha = 0} is always
   * top-down, {@code alpha = beta = Integer.MAX_VALUE} bottom-up from the first level on.
   */
  ReverseClosure(DependencyGraph graph, int alpha, int beta) {
    this.alpha = alpha;
    this.beta = beta;
    this.graph = graph;
    this.queue = new int[graph.nodeCount()];
    this.distance = new int[graph.nodeCount()];
    this.frontierBits = new long[RebuildSet.words(graph.nodeCount())];
  }

  /** The graph this engine reads. */
  public DependencyGraph graph() {
    return graph;
  }

  @Override
  public RebuildSet closure(int[] seeds, Policy policy) {
    int n = graph.nodeCount();
    long[] bits = new long[RebuildSet.words(n)];
    int tail = 0;
    for (int s : seeds) {
      checkNode(s, n);
      long mask = 1L << s;
      if ((bits[s >>> 6] & mask) == 0) {
        bits[s >>> 6] |= mask;
        queue[tail++] = s;
        distance[s] = 0;
      }
    }
    int seedCount = tail;
    switch (policy) {
      case LOCAL -> {}
      case DIRECT -> {
        for (int i = 0; i < seedCount; i++) {
          int v = queue[i];
          for (int p = graph.dependentsStart(v), end = graph.dependentsEnd(v); p < end; p++) {
            int w = graph.dependent(p);
            long mask = 1L << w;
            if ((bits[w >>> 6] & mask) == 0) {
              bits[w >>> 6] |= mask;
              queue[tail++] = w;
              distance[w] = 1;
            }
          }
        }
      }
      case TRANSITIVE -> tail = transitive(bits, seedCount);
      case CUTOFF -> throw cutoffRejected();
    }
    RebuildSet result = collect(n, bits, tail, distance);
    checkInvariants(result, seeds);
    return result;
  }

  /**
   * Direction-optimizing BFS (Beamer, Asanović, Patterson, SC 2012), one level at a time. A level
   * is expanded top-down (scan the frontier's dependents) while the frontier is small, and
   * bottom-up (each unvisited node scans its inputs and stops at the first one in the frontier)
   * once the frontier's dependents outnumber the unvisited nodes' inputs / {@link #ALPHA}. When a
   * large cycle enters the frontier, most of the graph is claimed bottom-up after one or two input
   * checks per node instead of one check per edge. Distances stay exact: an unvisited node's
   * visited inputs can only be in the previous level. Returns the member count.
   */
  private int transitive(long[] bits, int seedCount) {
    int n = graph.nodeCount();
    int tail = seedCount;
    int levelStart = 0;
    long unvisitedInputs = graph.edgeCount();
    long frontierDependents = 0;
    for (int i = 0; i < seedCount; i++) {
      unvisitedInputs -= graph.inputCount(queue[i]);
      frontierDependents += graph.dependentCount(queue[i]);
    }
    boolean bottomUp = false;
    for (int level = 1; levelStart < tail; level++) {
      int levelEnd = tail;
      int frontier = levelEnd - levelStart;
      if (!bottomUp && alpha > 0 && frontierDependents > unvisitedInputs / alpha) {
        bottomUp = true;
      } else if (bottomUp && frontier < n / beta) {
        bottomUp = false;
      }
      long nextDependents = 0;
      if (bottomUp) {
        long[] fb = frontierBits;
        java.util.Arrays.fill(fb, 0L);
        for (int i = levelStart; i < levelEnd; i++) {
          int v = queue[i];
          fb[v >>> 6] |= 1L << v;
        }
        for (int w = 0; w < bits.length; w++) {
          long open = ~bits[w];
          if (w == bits.length - 1 && (n & 63) != 0) {
            open &= (1L << n) - 1; // no nodes past n
          }
          while (open != 0) {
            int u = (w << 6) | Long.numberOfTrailingZeros(open);
            open &= open - 1;
            for (int p = graph.inputsStart(u), end = graph.inputsEnd(u); p < end; p++) {
              int x = graph.input(p);
              if ((fb[x >>> 6] & (1L << x)) != 0) {
                bits[w] |= 1L << u;
                queue[tail++] = u;
                distance[u] = level;
                unvisitedInputs -= graph.inputCount(u);
                nextDependents += graph.dependentCount(u);
                break;
              }
            }
          }
        }
      } else {
        for (int head = levelStart; head < levelEnd; head++) {
          int v = queue[head];
          for (int p = graph.dependentsStart(v), end = graph.dependentsEnd(v); p < end; p++) {
            int w = graph.dependent(p);
            long mask = 1L << w;
            if ((bits[w >>> 6] & mask) == 0) {
              bits[w >>> 6] |= mask;
              queue[tail++] = w;
              distance[w] = level;
              unvisitedInputs -= graph.inputCount(w);
              nextDependents += graph.dependentCount(w);
            }
          }
        }
      }
      levelStart = levelEnd;
      frontierDependents = nextDependents;
    }
    return tail;
  }

  /** Lists the members of {@code bits} in ascending order with their distances. */
  static RebuildSet collect(int n, long[] bits, int count, int[] distance) {
    int[] nodes = new int[count];
    int[] distances = new int[count];
    int i = 0;
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        int v = (w << 6) | Long.numberOfTrailingZeros(word);
        nodes[i] = v;
        distances[i] = distance[v];
        i++;
        word &= word - 1;
      }
    }
    if (i != count) {
      throw new IllegalStateException("bitmap holds " + i + " nodes, BFS discovered " + count);
    }
    return new RebuildSet(n, nodes, distances, bits);
  }

  static void checkNode(int node, int n) {
    if (node < 0 || node >= n) {
      throw new IllegalArgumentException("node " + node + " outside 0.." + (n - 1));
    }
  }

  static IllegalArgumentException cutoffRejected() {
    return new IllegalArgumentException(
        "the cutoff policy is random: answer it with CutoffSimulation, not a closure engine");
  }

  static void checkInvariants(RebuildSet result, int[] seeds) {
    for (int s : seeds) {
      if (result.distance(s) != 0) {
        throw new IllegalStateException("seed " + s + " is not in the rebuild set at distance 0");
      }
    }
  }
}
