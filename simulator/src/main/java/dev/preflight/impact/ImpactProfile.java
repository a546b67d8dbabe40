package dev.preflight.impact;

import dev.preflight.graph.PackageGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The impact profile (DESIGN.md §2): for every node, how many nodes rebuild under {@link
 * Policy#TRANSITIVE} if it alone changes (itself included), and how many direct dependents it has.
 * The "how dangerous is touching X" table.
 *
 * @param rebuildCount per node, the transitive rebuild count of changing only that node
 * @param directDependents per node, the number of nodes that need it directly
 */
public record ImpactProfile(int[] rebuildCount, int[] directDependents) {

  public ImpactProfile {
    if (rebuildCount.length != directDependents.length) {
      throw new IllegalArgumentException("rebuildCount and directDependents differ in length");
    }
    for (int v = 0; v < rebuildCount.length; v++) {
      if (rebuildCount[v] < 1 || rebuildCount[v] > rebuildCount.length) {
        throw new IllegalArgumentException(
            "rebuildCount of node " + v + " is " + rebuildCount[v] + ", outside 1..nodes");
      }
      if (directDependents[v] < 0 || directDependents[v] >= rebuildCount[v]) {
        throw new IllegalArgumentException(
            "node "
                + v
                + " has "
                + directDependents[v]
                + " direct dependents but rebuilds only "
                + rebuildCount[v]);
      }
    }
  }

  /** Number of nodes profiled. */
  public int size() {
    return rebuildCount.length;
  }

  public int rebuildCount(int node) {
    return rebuildCount[node];
  }

  public int directDependents(int node) {
    return directDependents[node];
  }

  @Override
  public int[] rebuildCount() {
    return rebuildCount.clone();
  }

  @Override
  public int[] directDependents() {
    return directDependents.clone();
  }

  /** One row of the rendered profile. */
  public record Row(String name, String system, int rebuildCount, int directDependents) {}

  /** Every row, most dangerous first (see {@link #rows(PackageGraph, int)}). */
  public List<Row> rows(PackageGraph graph) {
    return rows(graph, size());
  }

  /**
   * The rows, most dangerous first: by rebuild count descending, then direct dependents descending,
   * then name and system ascending (a total, deterministic order).
   *
   * @param top at most this many rows ({@code 0} for none)
   */
  public List<Row> rows(PackageGraph graph, int top) {
    if (graph.nodeCount() != size()) {
      throw new IllegalArgumentException("profile of a different graph");
    }
    if (top < 0) {
      throw new IllegalArgumentException("top must be >= 0, got " + top);
    }
    int limit = Math.min(top, size());
    if (limit == 0) {
      return List.of();
    }
    // The first two keys as one primitive (most dangerous = smallest): only the nodes at or before
    // the limit-th key need the name comparisons, so --top 20 of a million nodes sorts 20-odd
    // boxed rows, not a million.
    long[] keys = new long[size()];
    for (int v = 0; v < size(); v++) {
      keys[v] = key(v);
    }
    long[] sorted = keys.clone();
    Arrays.sort(sorted);
    long threshold = sorted[limit - 1];
    int candidates = 0;
    for (long k : sorted) {
      if (k > threshold) {
        break;
      }
      candidates++;
    }
    Integer[] order = new Integer[candidates];
    for (int v = 0, i = 0; v < size(); v++) {
      if (keys[v] <= threshold) {
        order[i++] = v;
      }
    }
    Comparator<Integer> cmp =
        Comparator.<Integer>comparingLong(this::key)
            .thenComparing(graph::name)
            .thenComparing(graph::system)
            .thenComparing(graph::id);
    Arrays.sort(order, cmp);
    List<Row> rows = new ArrayList<>(limit);
    for (int i = 0; i < limit; i++) {
      int v = order[i];
      rows.add(new Row(graph.name(v), graph.system(v), rebuildCount[v], directDependents[v]));
    }
    return rows;
  }

  /** Rebuild count descending, then direct dependents descending, as one ascending key. */
  private long key(int v) {
    return ((long) (Integer.MAX_VALUE - rebuildCount[v]) << 31)
        | (Integer.MAX_VALUE - directDependents[v]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImpactProfile p
        && Arrays.equals(rebuildCount, p.rebuildCount)
        && Arrays.equals(directDependents, p.directDependents);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(rebuildCount) + Arrays.hashCode(directDependents);
  }

  @Override
  public String toString() {
    return "ImpactProfile[nodes=" + size() + "]";
  }
}
