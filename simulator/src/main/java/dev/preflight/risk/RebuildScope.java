package dev.preflight.risk;

import java.util.Arrays;

/**
 * What the risk model needs of a change's rebuild set: the changed nodes, the rebuilt nodes and
 * each one's shortest distance (in edges) from a changed node. The impact engine's rebuild set
 * supplies it; tests build it by hand.
 *
 * @param changed the changed nodes (graph indexes), ascending and distinct; each is rebuilt, at
 *     distance 0
 * @param nodes the rebuilt nodes, ascending and distinct, changed nodes included
 * @param distance {@code distance[i]} is the shortest distance of {@code nodes[i]} from a changed
 *     node ({@code 0} for the changed nodes themselves)
 */
public record RebuildScope(int[] changed, int[] nodes, int[] distance) {

  public RebuildScope {
    changed = changed.clone();
    nodes = nodes.clone();
    distance = distance.clone();
    if (distance.length != nodes.length) {
      throw new IllegalArgumentException(
          "distance has " + distance.length + " entries for " + nodes.length + " nodes");
    }
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] < 0 || (i > 0 && nodes[i] <= nodes[i - 1])) {
        throw new IllegalArgumentException("rebuilt nodes must be ascending, distinct and >= 0");
      }
      if (distance[i] < 0) {
        throw new IllegalArgumentException("negative distance for node " + nodes[i]);
      }
    }
    for (int j = 0; j < changed.length; j++) {
      if (j > 0 && changed[j] <= changed[j - 1]) {
        throw new IllegalArgumentException("changed nodes must be ascending and distinct");
      }
      int i = Arrays.binarySearch(nodes, changed[j]);
      if (i < 0) {
        throw new IllegalArgumentException("changed node " + changed[j] + " is not rebuilt");
      }
      if (distance[i] != 0) {
        throw new IllegalArgumentException("changed node " + changed[j] + " has distance != 0");
      }
    }
  }

  /** Number of rebuilt nodes. */
  public int size() {
    return nodes.length;
  }

  /** Position of graph node {@code node} in {@link #nodes}, or -1. */
  public int indexOf(int node) {
    int i = Arrays.binarySearch(nodes, node);
    return i < 0 ? -1 : i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RebuildScope r
        && Arrays.equals(changed, r.changed)
        && Arrays.equals(nodes, r.nodes)
        && Arrays.equals(distance, r.distance);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(changed) + Arrays.hashCode(nodes))
        + Arrays.hashCode(distance);
  }

  @Override
  public String toString() {
    return "RebuildScope[changed=" + changed.length + ", nodes=" + nodes.length + "]";
  }
}
