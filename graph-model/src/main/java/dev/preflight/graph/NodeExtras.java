package dev.preflight.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What some distributions' graphs carry beyond the common node columns, stored column-wise like
 * them: each node's binary packages (Debian), its required system features and whether it is a
 * fixed-output derivation (Nix), and named <em>relations</em>: further edge sets over the same node
 * indexes that a policy reads instead of the build edges (Debian's {@code binnmu} and {@code
 * static}, DESIGN.md §2).
 *
 * <p>A list column is CSR-shaped: node {@code v}'s values are {@code values[offsets[v] .. offsets[v
 * + 1])}; a null offsets array means no node has any. The arrays are adopted, not copied.
 *
 * @param binaryOffsets offsets into {@code binaryValues}, or null
 * @param binaryValues the binary packages each node builds (Debian), in index order
 * @param featureOffsets offsets into {@code featureValues}, or null
 * @param featureValues each node's {@code requiredSystemFeatures} (Nix), sorted per node
 * @param fixedOutput per node: a fixed-output derivation (Nix), or null when none is
 * @param relations relation name to its edges ({@code a -> b}: a's rebuild is triggered by b's),
 *     sorted by name; each over exactly the graph's nodes
 */
public record NodeExtras(
    int[] binaryOffsets,
    String[] binaryValues,
    int[] featureOffsets,
    String[] featureValues,
    boolean[] fixedOutput,
    SortedMap<String, CsrGraph> relations) {

  private static final NodeExtras NONE = new NodeExtras(null, null, null, null, null, null);

  public NodeExtras {
    if ((binaryOffsets == null) != (binaryValues == null)
        || (featureOffsets == null) != (featureValues == null)) {
      throw new IllegalArgumentException("a list column needs both offsets and values");
    }
    relations =
        relations == null || relations.isEmpty()
            ? Collections.emptySortedMap()
            : Collections.unmodifiableSortedMap(new TreeMap<>(relations));
    for (Map.Entry<String, CsrGraph> e : relations.entrySet()) {
      Objects.requireNonNull(e.getValue(), e.getKey());
      if (e.getKey().isBlank()) {
        throw new IllegalArgumentException("a relation needs a name");
      }
    }
  }

  /** No extras: the graph has only the common columns. */
  public static NodeExtras none() {
    return NONE;
  }

  /** Whether nothing beyond the common columns is present. */
  public boolean isEmpty() {
    return binaryOffsets == null
        && featureOffsets == null
        && fixedOutput == null
        && relations.isEmpty();
  }

  /**
   * Checks shapes against a graph of {@code n} nodes.
   *
   * @throws InputException naming {@code sourceFile} when a column has the wrong length or a
   *     relation the wrong node count
   */
  void check(int n, String sourceFile) {
    checkList(binaryOffsets, binaryValues, n, "binaries", sourceFile);
    checkList(featureOffsets, featureValues, n, "features", sourceFile);
    if (fixedOutput != null && fixedOutput.length != n) {
      throw new InputException(
          sourceFile, null, "fixedOutput has " + fixedOutput.length + " rows, expected " + n);
    }
    for (Map.Entry<String, CsrGraph> e : relations.entrySet()) {
      CsrGraph r = e.getValue();
      if (r.nodeCount() != n) {
        throw new InputException(
            sourceFile,
            null,
            "relation '" + e.getKey() + "' has " + r.nodeCount() + " nodes, expected " + n);
      }
      for (int v = 0; v < n; v++) {
        int previous = -1;
        for (int p = r.inputsStart(v); p < r.inputsEnd(v); p++) {
          int t = r.input(p);
          if (t < 0 || t >= n || t == v || t <= previous) {
            throw new InputException(
                sourceFile,
                "node #" + (v + 1),
                "relation '"
                    + e.getKey()
                    + "': targets must be in range, not the node itself, sorted and distinct");
          }
          previous = t;
        }
      }
    }
  }

  private static void checkList(
      int[] offsets, String[] values, int n, String what, String sourceFile) {
    if (offsets == null) {
      return;
    }
    if (offsets.length != n + 1 || offsets[0] != 0 || offsets[n] != values.length) {
      throw new InputException(sourceFile, null, what + " offsets do not fit " + n + " nodes");
    }
    for (int v = 0; v < n; v++) {
      if (offsets[v + 1] < offsets[v]) {
        throw new InputException(sourceFile, "node #" + (v + 1), what + " offsets decrease");
      }
      for (int p = offsets[v]; p < offsets[v + 1]; p++) {
        if (values[p] == null || values[p].isEmpty()) {
          throw new InputException(sourceFile, "node #" + (v + 1), what + " holds an empty value");
        }
      }
    }
  }

  static List<String> slice(int[] offsets, String[] values, int v) {
    if (offsets == null || offsets[v] == offsets[v + 1]) {
      return List.of();
    }
    return List.of(Arrays.copyOfRange(values, offsets[v], offsets[v + 1]));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeExtras x
        && Arrays.equals(binaryOffsets, x.binaryOffsets)
        && Arrays.equals(binaryValues, x.binaryValues)
        && Arrays.equals(featureOffsets, x.featureOffsets)
        && Arrays.equals(featureValues, x.featureValues)
        && Arrays.equals(fixedOutput, x.fixedOutput)
        && relations.keySet().equals(x.relations.keySet());
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(binaryOffsets),
        Arrays.hashCode(binaryValues),
        Arrays.hashCode(featureValues),
        Arrays.hashCode(fixedOutput),
        relations.keySet());
  }

  @Override
  public String toString() {
    return "NodeExtras[binaries="
        + (binaryValues == null ? 0 : binaryValues.length)
        + ", features="
        + (featureValues == null ? 0 : featureValues.length)
        + ", relations="
        + relations.keySet()
        + "]";
  }
}
