package dev.preflight.impact;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The result of a closure: which nodes rebuild, and for each the shortest distance (in edges) from
 * the nearest changed node, {@code 0} for the changed nodes themselves.
 *
 * <p>Storage: the members as a strictly ascending {@code int[]}, their distances in a parallel
 * {@code int[]}, and a {@code long[]} bitmap over all graph nodes, so {@link #contains} is {@code
 * O(1)} and {@link #distance} is {@code O(log size)}. About {@code 8 * size + nodeCount / 8} bytes.
 *
 * <p>An engine may leave the distances to be computed on first use (the transitive closure does:
 * counts, labels and per-system splits never need them); they are then computed once, exactly, and
 * cached. {@link #size()}, {@link #contains}, {@link #node} and {@link #dependentsOnlyCount()}
 * never compute them.
 *
 * <p>Immutable and thread-safe (deferred distances are published through a volatile field; a race
 * computes them twice with the same answer). Accessors that return arrays return copies; hot loops
 * use {@link #node(int)} and {@link #distanceAt(int)}.
 */
public final class RebuildSet {
  private final int nodeCount;
  private final int[] nodes;
  private final long[] bits;
  private final int seedCount; // distinct changed nodes when known up front, else -1
  private final Supplier<int[]> deferred; // computes the distances; null when given up front
  private volatile int[] distances;

  /** Trusted constructor for engines: {@code bits} holds exactly {@code nodes}. */
  RebuildSet(int nodeCount, int[] nodes, int[] distances, long[] bits) {
    this.nodeCount = nodeCount;
    this.nodes = nodes;
    this.distances = distances;
    this.bits = bits;
    this.seedCount = -1;
    this.deferred = null;
  }

  /**
   * Trusted constructor for engines whose distances are computed on first use: {@code bits} holds
   * exactly {@code nodes}, {@code seedCount} of which are the changed nodes, and {@code distances}
   * returns the distances parallel to {@code nodes} (it may be called more than once under a race
   * and must always return the same answer).
   */
  RebuildSet(int nodeCount, int[] nodes, long[] bits, int seedCount, Supplier<int[]> distances) {
    this.nodeCount = nodeCount;
    this.nodes = nodes;
    this.bits = bits;
    this.seedCount = seedCount;
    this.deferred = distances;
  }

  /** The distances, computing them on first use. */
  private int[] dist() {
    int[] d = distances;
    if (d == null) {
      d = deferred.get();
      if (d.length != nodes.length) {
        throw new IllegalStateException(d.length + " distances for " + nodes.length + " nodes");
      }
      distances = d;
    }
    return d;
  }

  /**
   * A validated rebuild set.
   *
   * @param nodeCount number of nodes in the graph
   * @param nodes members, strictly ascending, each in {@code [0, nodeCount)}
   * @param distances distance of each member from the nearest changed node, {@code >= 0}
   */
  public static RebuildSet of(int nodeCount, int[] nodes, int[] distances) {
    if (nodes.length != distances.length) {
      throw new IllegalArgumentException(
          "nodes and distances differ in length: " + nodes.length + " vs " + distances.length);
    }
    long[] bits = new long[words(nodeCount)];
    for (int i = 0; i < nodes.length; i++) {
      int v = nodes[i];
      if (v < 0 || v >= nodeCount || (i > 0 && v <= nodes[i - 1])) {
        throw new IllegalArgumentException(
            "rebuild set nodes must be ascending, distinct and in [0, " + nodeCount + ")");
      }
      if (distances[i] < 0) {
        throw new IllegalArgumentException("negative distance for node " + v);
      }
      bits[v >>> 6] |= 1L << v;
    }
    return new RebuildSet(nodeCount, nodes.clone(), distances.clone(), bits);
  }

  /** The empty rebuild set of a graph with {@code nodeCount} nodes. */
  public static RebuildSet empty(int nodeCount) {
    return new RebuildSet(nodeCount, new int[0], new int[0], new long[words(nodeCount)]);
  }

  static int words(int nodeCount) {
    return (nodeCount + 63) >>> 6;
  }

  /** Number of nodes in the graph this set belongs to. */
  public int nodeCount() {
    return nodeCount;
  }

  /** Number of nodes that rebuild (changed nodes included). */
  public int size() {
    return nodes.length;
  }

  public boolean isEmpty() {
    return nodes.length == 0;
  }

  /** Whether {@code node} rebuilds; {@code O(1)}. */
  public boolean contains(int node) {
    return node >= 0 && node < nodeCount && (bits[node >>> 6] & (1L << node)) != 0;
  }

  /** The {@code i}-th member in ascending order. */
  public int node(int i) {
    return nodes[i];
  }

  /** The distance of the {@code i}-th member. */
  public int distanceAt(int i) {
    return dist()[i];
  }

  /** The distance of {@code node} from the nearest changed node, or -1 if it does not rebuild. */
  public int distance(int node) {
    if (!contains(node)) {
      return -1;
    }
    return dist()[Arrays.binarySearch(nodes, node)];
  }

  /** The members without copying; package-private, callers must not modify it. */
  int[] nodesView() {
    return nodes;
  }

  /** The members, ascending (a copy). */
  public int[] nodes() {
    return nodes.clone();
  }

  /** The distances, parallel to {@link #nodes()} (a copy). */
  public int[] distances() {
    return dist().clone();
  }

  /** The largest distance, or -1 when empty. */
  public int maxDistance() {
    int max = -1;
    for (int d : dist()) {
      max = Math.max(max, d);
    }
    return max;
  }

  /** Number of members that are not changed nodes (distance > 0). */
  public int dependentsOnlyCount() {
    if (seedCount >= 0) {
      return nodes.length - seedCount;
    }
    int k = 0;
    for (int d : dist()) {
      if (d > 0) {
        k++;
      }
    }
    return k;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RebuildSet r
        && r.nodeCount == nodeCount
        && Arrays.equals(r.nodes, nodes)
        && Arrays.equals(r.dist(), dist());
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(nodes) + Arrays.hashCode(dist());
  }

  @Override
  public String toString() {
    if (nodes.length <= 20) {
      return "RebuildSet" + Arrays.toString(nodes) + " distances " + Arrays.toString(dist());
    }
    return "RebuildSet[size=" + nodes.length + " of " + nodeCount + "]";
  }
}
