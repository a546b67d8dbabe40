package dev.preflight.impact;

import java.util.Arrays;
import java.util.List;

/**
 * A resolved change: the nodes whose inputs changed.
 *
 * @param nodes node indexes, strictly ascending
 * @param resolvedNames the distinct names of those nodes, sorted
 * @param viaBinary binary package names the user gave, each with the source it resolved to (Debian:
 *     {@code libssl3 -> openssl}), sorted by binary name
 */
public record Changes(
    int[] nodes, List<String> resolvedNames, java.util.SortedMap<String, String> viaBinary) {

  /** A change named by nodes, names or aliases only. */
  public Changes(int[] nodes, List<String> resolvedNames) {
    this(nodes, resolvedNames, null);
  }

  public Changes {
    viaBinary =
        viaBinary == null || viaBinary.isEmpty()
            ? java.util.Collections.emptySortedMap()
            : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(viaBinary));
    nodes = nodes.clone();
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] < 0 || (i > 0 && nodes[i] <= nodes[i - 1])) {
        throw new IllegalArgumentException("change nodes must be ascending, distinct and >= 0");
      }
    }
    resolvedNames = List.copyOf(resolvedNames);
    for (int i = 1; i < resolvedNames.size(); i++) {
      if (resolvedNames.get(i).compareTo(resolvedNames.get(i - 1)) <= 0) {
        throw new IllegalArgumentException("resolved names must be sorted and distinct");
      }
    }
  }

  @Override
  public int[] nodes() {
    return nodes.clone();
  }

  /** Number of changed nodes. */
  public int size() {
    return nodes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Changes c
        && Arrays.equals(nodes, c.nodes)
        && resolvedNames.equals(c.resolvedNames)
        && viaBinary.equals(c.viaBinary);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(nodes) + resolvedNames.hashCode()) + viaBinary.hashCode();
  }

  @Override
  public String toString() {
    return "Changes[nodes="
        + Arrays.toString(nodes)
        + ", resolvedNames="
        + resolvedNames
        + (viaBinary.isEmpty() ? "" : ", viaBinary=" + viaBinary)
        + "]";
  }
}
