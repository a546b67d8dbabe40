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
 * the members in ascending order without sorting. Iterative, no recursion.
 *
 * <p><b>Memory:</b> two scratch {@code int[V]} arrays (queue and distance) allocated once per
 * engine; a query allocates only its result (the bitmap, the members and their distances), so
 * repeated queries create no garbage per visited node. The distance scratch needs no clearing: it
 * is read only for nodes whose bit the current query has set.
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

  public ReverseClosure(DependencyGraph graph) {
    this.graph = graph;
    this.queue = new int[graph.nodeCount()];
    this.distance = new int[graph.nodeCount()];
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
      case TRANSITIVE -> {
        for (int head = 0; head < tail; head++) {
          int v = queue[head];
          int next = distance[v] + 1;
          for (int p = graph.dependentsStart(v), end = graph.dependentsEnd(v); p < end; p++) {
            int w = graph.dependent(p);
            long mask = 1L << w;
            if ((bits[w >>> 6] & mask) == 0) {
              bits[w >>> 6] |= mask;
              queue[tail++] = w;
              distance[w] = next;
            }
          }
        }
      }
      case CUTOFF -> throw cutoffRejected();
    }
    RebuildSet result = collect(n, bits, tail, distance);
    checkInvariants(result, seeds);
    return result;
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
