package dev.preflight.impact;

import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.scc.Components;
import java.util.Arrays;

/**
 * A rebuild set as build jobs, and the longest chains through them: the subgraph induced by the set
 * (only an edge between two rebuilt nodes orders builds; an input outside the set is already built)
 * condensed into its strongly connected components. A component is one job: a cycle among rebuilt
 * nodes cannot be ordered and builds as one job (DESIGN.md §1). Both the impact report's depth
 * ({@link RebuildDepth}, every job weighs 1) and the cost model's critical path ({@code
 * cost.Workload}, a job weighs its expected seconds) are a {@link #longestChain} over it.
 *
 * <p>The components are those of the induced subgraph, not the whole graph's: under {@code direct}
 * or {@code local} part of a graph cycle may rebuild without the rest, and then it is no cycle
 * among the rebuilds. Set members are addressed by <i>position</i> (their rank in the ascending
 * set); {@link #components()} is over positions and numbers jobs <b>dependency-first</b> (a job's
 * inputs have smaller numbers), so ascending job order is a build order.
 *
 * <p><b>Complexity:</b> {@code O(k + e log k)} time and {@code O(k + e)} memory for {@code k}
 * members with {@code e} edges leaving them (membership by binary search; a set holding at least
 * 1/16 of the graph uses one {@code int[V]} map instead, {@code O(V + k + e)}); an iterative
 * Tarjan; each longest-chain pass is {@code O(jobs + job edges)}. Iterative throughout.
 * <b>Thread-safety: </b> immutable. <b>Invariants</b> (checked): every job edge goes from a higher
 * to a lower job (checked by {@link Components}); consecutive jobs of a chain are joined by an edge
 * and the chain's length is the sum of its weights.
 */
public final class RebuildCondensation {
  private final int[] nodes;
  private final Components components;

  private RebuildCondensation(DependencyGraph graph, int[] nodes) {
    this.nodes = nodes;
    this.components = Components.of(induced(graph, nodes));
  }

  /**
   * The condensation of rebuilding {@code nodes} of {@code graph}.
   *
   * @param nodes strictly ascending node indexes (e.g. {@link RebuildSet#nodes()}); copied
   */
  public static RebuildCondensation of(DependencyGraph graph, int[] nodes) {
    int[] copy = nodes.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] < 0 || copy[i] >= graph.nodeCount() || (i > 0 && copy[i] <= copy[i - 1])) {
        throw new IllegalArgumentException(
            "rebuild nodes must be strictly ascending and in [0, " + graph.nodeCount() + ")");
      }
    }
    return new RebuildCondensation(graph, copy);
  }

  /** The condensation of rebuilding {@code set} (no copy: a set's members are ascending). */
  public static RebuildCondensation of(DependencyGraph graph, RebuildSet set) {
    if (set.nodeCount() != graph.nodeCount()) {
      throw new IllegalArgumentException("the rebuild set is of another graph");
    }
    return new RebuildCondensation(graph, set.nodesView());
  }

  /** Number of rebuilt nodes. */
  public int size() {
    return nodes.length;
  }

  /** The graph node at {@code position} (ascending). */
  public int node(int position) {
    return nodes[position];
  }

  /** The position of graph node {@code node}, or -1 if it does not rebuild. */
  public int positionOf(int node) {
    int i = Arrays.binarySearch(nodes, node);
    return i < 0 ? -1 : i;
  }

  /** The jobs: components over positions, with the condensation edges between them. */
  public Components components() {
    return components;
  }

  /** Number of jobs. */
  public int jobCount() {
    return components.count();
  }

  /**
   * The depth of the rebuild: the number of jobs on its longest chain ({@code 0} for an empty set,
   * {@code 1} when no rebuilt node needs another rebuilt node).
   */
  public int depth() {
    double[] one = new double[jobCount()];
    Arrays.fill(one, 1);
    return longestChain(one).jobs().length;
  }

  /**
   * Each job's top level: its weight plus the heaviest chain of its inputs' (the earliest finish of
   * the job with unlimited builders).
   *
   * @param weight per job, finite and {@code >= 0}
   */
  public double[] topLevels(double[] weight) {
    checkWeights(weight);
    double[] top = new double[weight.length];
    for (int j = 0; j < top.length; j++) {
      double in = 0;
      for (int p = components.inputsStart(j); p < components.inputsEnd(j); p++) {
        in = Math.max(in, top[components.input(p)]);
      }
      top[j] = in + weight[j];
    }
    return top;
  }

  /**
   * Each job's bottom level: its weight plus the heaviest chain of its dependents' (what still has
   * to run from the job's start to the end of the rebuild).
   *
   * @param weight per job, finite and {@code >= 0}
   */
  public double[] bottomLevels(double[] weight) {
    checkWeights(weight);
    double[] bottom = new double[weight.length];
    for (int j = bottom.length - 1; j >= 0; j--) {
      double out = 0;
      for (int p = components.dependentsStart(j); p < components.dependentsEnd(j); p++) {
        out = Math.max(out, bottom[components.dependent(p)]);
      }
      bottom[j] = weight[j] + out;
    }
    return bottom;
  }

  /**
   * The heaviest chain given each job's top level (the weight of the heaviest chain ending at it):
   * it ends at the job with the highest top level (the lowest-numbered among equals) and is walked
   * back with {@code predecessor} ({@code -1} ends it); returned first job first, empty when there
   * are no jobs. Shared by every longest-chain computation (the rebuild condensation, the
   * scheduler's job graph).
   */
  public static int[] heaviestChain(double[] top, java.util.function.IntUnaryOperator predecessor) {
    int end = -1;
    for (int j = 0; j < top.length; j++) {
      if (end < 0 || top[j] > top[end]) {
        end = j;
      }
    }
    if (end < 0) {
      return new int[0];
    }
    int count = 0;
    int[] reversed = new int[8];
    for (int j = end; j >= 0; j = predecessor.applyAsInt(j)) {
      if (count == reversed.length) {
        reversed = Arrays.copyOf(reversed, count * 2);
      }
      reversed[count++] = j;
    }
    int[] chain = new int[count];
    for (int i = 0; i < count; i++) {
      chain[i] = reversed[count - 1 - i];
    }
    return chain;
  }

  /** A heaviest chain of jobs: its jobs, inputs first, and their summed weight. */
  public record Chain(double length, int[] jobs) {
    public Chain {
      jobs = jobs.clone();
    }

    @Override
    public int[] jobs() {
      return jobs.clone();
    }
  }

  /**
   * A heaviest chain of jobs. Ties go to the lowest-numbered last job, and from each job back to
   * its lowest-numbered heaviest input. Empty with length 0 when there are no jobs.
   *
   * @param weight per job, finite and {@code >= 0}
   */
  public Chain longestChain(double[] weight) {
    double[] top = topLevels(weight);
    int[] chain = RebuildCondensation.heaviestChain(top, j -> heaviestInput(j, top));
    if (chain.length == 0) {
      return new Chain(0, chain);
    }
    double length = top[chain[chain.length - 1]];
    checkChain(chain, weight, length);
    return new Chain(length, chain);
  }

  private int heaviestInput(int job, double[] top) {
    int from = -1;
    for (int p = components.inputsStart(job); p < components.inputsEnd(job); p++) {
      int i = components.input(p);
      if (from < 0 || top[i] > top[from]) {
        from = i;
      }
    }
    return from;
  }

  private void checkWeights(double[] weight) {
    if (weight.length != jobCount()) {
      throw new IllegalArgumentException(
          "weights for " + weight.length + " jobs, the rebuild has " + jobCount());
    }
    for (double w : weight) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("job weights must be finite and >= 0, got " + w);
      }
    }
  }

  private void checkChain(int[] chain, double[] weight, double length) {
    double sum = 0;
    for (int i = 0; i < chain.length; i++) {
      sum += weight[chain[i]];
      if (i > 0 && !isInput(chain[i], chain[i - 1])) {
        throw new IllegalStateException("chain step " + chain[i - 1] + " -> " + chain[i]);
      }
    }
    // The top levels add the same weights in the same order, so the sums agree exactly.
    if (sum != length) {
      throw new IllegalStateException("chain length " + sum + " is not its top level " + length);
    }
  }

  private boolean isInput(int job, int input) {
    for (int p = components.inputsStart(job); p < components.inputsEnd(job); p++) {
      if (components.input(p) == input) {
        return true;
      }
    }
    return false;
  }

  /** The subgraph induced by ascending {@code nodes}, renumbered to positions. */
  private static CsrGraph induced(DependencyGraph g, int[] nodes) {
    int k = nodes.length;
    // A dense set pays for one int[V] map; a sparse one is searched instead.
    int[] local = null;
    if ((long) k * 16 >= g.nodeCount()) {
      local = new int[g.nodeCount()];
      Arrays.fill(local, -1);
      for (int i = 0; i < k; i++) {
        local[nodes[i]] = i;
      }
    }
    int[] inOffsets = new int[k + 1];
    for (int i = 0; i < k; i++) {
      int v = nodes[i];
      int c = 0;
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        if (position(local, nodes, g.input(p)) >= 0) {
          c++;
        }
      }
      inOffsets[i + 1] = inOffsets[i] + c;
    }
    int[] in = new int[inOffsets[k]];
    for (int i = 0; i < k; i++) {
      int v = nodes[i];
      int w = inOffsets[i];
      // Global inputs are sorted and positions preserve order, so each range stays sorted.
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        int l = position(local, nodes, g.input(p));
        if (l >= 0) {
          in[w++] = l;
        }
      }
    }
    return CsrGraph.fromInputs(inOffsets, in);
  }

  private static int position(int[] local, int[] nodes, int node) {
    if (local != null) {
      return local[node];
    }
    int i = Arrays.binarySearch(nodes, node);
    return i < 0 ? -1 : i;
  }
}
