package dev.preflight.graph;

import java.util.Arrays;

/**
 * A bare {@link DependencyGraph}: node indexes and edges only, in compressed sparse rows both ways.
 * It is the adjacency of every graph in Preflight: the package graph ({@link PackageGraph} is a
 * {@code CsrGraph} plus {@link NodeColumns}), its relations ({@link NodeExtras}), the condensation
 * of its strongly connected components ({@code scc.Components}), and the graphs engines build for
 * themselves (an induced subgraph, the rebuild DAG, the scheduler's job graph).
 *
 * <p>{@link #fromInputs} is the one reverse-index builder: it takes the inputs (forward rows) and
 * derives the dependents (the transpose) with one counting sort on the target, as JGraphT's {@code
 * SparseIntDirectedGraph} does for its {@code IncomingEdgesSupport.FULL_INCIDENCE_MATRIX}
 * (jgrapht/jgrapht, {@code jgrapht-opt/.../SparseIntDirectedGraph.java}). Sources are visited in
 * ascending order, so dependents come out ascending within each node even when inputs are not.
 *
 * <p>Memory: {@code 4 * (nodes + 1)} bytes per direction for the offsets and {@code 4} bytes per
 * edge per direction, so {@code 8 * nodes + 8 * edges} bytes in all. {@code O(nodes + edges)} to
 * build. Immutable; the arrays passed in are kept, not copied, and must not change afterwards.
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
    for (int t : inputs) {
      if (t < 0 || t >= n) {
        throw new IllegalArgumentException("input " + t + " outside 0.." + (n - 1));
      }
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

  /**
   * This graph without every edge {@code a -> p} into a node {@code p} with {@code cut[p]} (the
   * pinned view of {@link PackageGraph#withPins}): each remaining row is kept as it was, so no sort
   * and no reverse-index rebuild. {@code O(nodes + edges)}.
   *
   * @param removed the number of edges into cut nodes (checked)
   */
  CsrGraph withoutEdgesInto(boolean[] cut, long removed) {
    int n = nodeCount();
    int kept = Math.toIntExact(edgeCount() - removed);
    int[] newInputOffsets = new int[n + 1];
    int[] newInputs = new int[kept];
    int[] newDependentOffsets = new int[n + 1];
    int[] newDependents = new int[kept];
    int in = 0;
    int out = 0;
    for (int v = 0; v < n; v++) {
      newInputOffsets[v] = in;
      for (int p = inputOffsets[v]; p < inputOffsets[v + 1]; p++) {
        if (!cut[inputs[p]]) {
          newInputs[in++] = inputs[p];
        }
      }
      newDependentOffsets[v] = out;
      if (!cut[v]) {
        int from = dependentOffsets[v];
        int count = dependentOffsets[v + 1] - from;
        System.arraycopy(dependents, from, newDependents, out, count);
        out += count;
      }
    }
    newInputOffsets[n] = in;
    newDependentOffsets[n] = out;
    if (in != kept || out != kept) {
      throw new IllegalStateException(
          "cut graph lost count: " + in + " inputs, " + out + " dependents, " + kept + " edges");
    }
    return new CsrGraph(newInputOffsets, newInputs, newDependentOffsets, newDependents);
  }

  /**
   * The union of two graphs over the same nodes whose input rows are sorted and distinct: each row
   * the sorted, distinct merge of both rows. {@code O(nodes + edges)}.
   */
  public static CsrGraph union(DependencyGraph a, DependencyGraph b) {
    int n = a.nodeCount();
    if (b.nodeCount() != n) {
      throw new IllegalArgumentException("union of graphs over different node counts");
    }
    int[] offsets = new int[n + 1];
    int[] targets = new int[a.edgeCount() + b.edgeCount()];
    int e = 0;
    for (int v = 0; v < n; v++) {
      offsets[v] = e;
      int p = a.inputsStart(v);
      int q = b.inputsStart(v);
      while (p < a.inputsEnd(v) || q < b.inputsEnd(v)) {
        int x = p < a.inputsEnd(v) ? a.input(p) : Integer.MAX_VALUE;
        int y = q < b.inputsEnd(v) ? b.input(q) : Integer.MAX_VALUE;
        targets[e++] = Math.min(x, y);
        if (x <= y) {
          p++;
        }
        if (y <= x) {
          q++;
        }
      }
    }
    offsets[n] = e;
    return fromInputs(offsets, Arrays.copyOf(targets, e));
  }

  /** The inputs of {@code node} as a new array (for non-hot code). */
  public int[] inputsOf(int node) {
    return Arrays.copyOfRange(inputs, inputOffsets[node], inputOffsets[node + 1]);
  }

  /** The dependents of {@code node} as a new array (for non-hot code). */
  public int[] dependentsOf(int node) {
    return Arrays.copyOfRange(dependents, dependentOffsets[node], dependentOffsets[node + 1]);
  }

  /** Heap held by the four arrays, in bytes (array headers included). */
  public long retainedBytes() {
    return 4L * (inputOffsets.length + inputs.length + dependentOffsets.length + dependents.length)
        + 4 * 16;
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
