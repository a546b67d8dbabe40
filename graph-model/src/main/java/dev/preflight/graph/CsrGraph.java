package dev.preflight.graph;

import java.util.Arrays;

/**
 * A bare {@link DependencyGraph}: node indexes and edges only, in compressed sparse rows both ways,
 * for the graphs engines build for themselves (an induced subgraph, a graph of binary packages).
 * {@link #fromInputs} takes the inputs and derives the reverse index (dependents) with one counting
 * sort, so dependents come out ascending within each node.
 *
 * <p>{@code O(nodes + edges)} to build. Immutable; the arrays passed in are kept, not copied, and
 * must not change afterwards.
 */
public final class CsrGraph implements DependencyGraph {
  private final int[] inputOffsets;
  private final int[] inputs;
  private final int[] dependentOffsets;
  private final int[] dependents;

  private CsrGraph(int[] inputOffsets, int[] inputs, int[] dependentOffsets, int[] dependents) {
    this.inputOffsets = inputOffsets;
    this.inputs = inputs;
    this.dependentOffsets = dependentOffsets;
    this.dependents = dependents;
  }

  /**
   * The graph whose node {@code v} needs {@code inputs[inputOffsets[v] .. inputOffsets[v + 1])}.
   *
   * @param inputOffsets {@code nodes + 1} ascending offsets, the last one {@code inputs.length}
   * @param inputs node indexes in {@code [0, nodes)}
   */
  public static CsrGraph fromInputs(int[] inputOffsets, int[] inputs) {
    int n = inputOffsets.length - 1;
    if (n < 0 || inputOffsets[n] != inputs.length) {
      throw new IllegalArgumentException(
          "inputOffsets must have nodes + 1 entries ending at " + inputs.length);
    }
    int[] dependentOffsets = new int[n + 1];
    for (int t : inputs) {
      dependentOffsets[t + 1]++;
    }
    for (int v = 0; v < n; v++) {
      dependentOffsets[v + 1] += dependentOffsets[v];
    }
    int[] fill = Arrays.copyOf(dependentOffsets, n);
    int[] dependents = new int[inputs.length];
    for (int v = 0; v < n; v++) {
      for (int p = inputOffsets[v]; p < inputOffsets[v + 1]; p++) {
        dependents[fill[inputs[p]]++] = v;
      }
    }
    return new CsrGraph(inputOffsets, inputs, dependentOffsets, dependents);
  }

  @Override
  public int nodeCount() {
    return inputOffsets.length - 1;
  }

  @Override
  public int edgeCount() {
    return inputs.length;
  }

  @Override
  public int inputsStart(int node) {
    return inputOffsets[node];
  }

  @Override
  public int inputsEnd(int node) {
    return inputOffsets[node + 1];
  }

  @Override
  public int input(int position) {
    return inputs[position];
  }

  @Override
  public int dependentsStart(int node) {
    return dependentOffsets[node];
  }

  @Override
  public int dependentsEnd(int node) {
    return dependentOffsets[node + 1];
  }

  @Override
  public int dependent(int position) {
    return dependents[position];
  }
}
