package dev.preflight.risk;

import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.scc.Components;
import java.util.Arrays;

/**
 * The rebuild set as the DAG the risk model works on. Rebuilt nodes get dense <i>local</i> indexes
 * (their position in {@link RebuildScope#nodes}); only edges between rebuilt nodes are kept, and of
 * those only the edges between different strongly connected components.
 *
 * <p>Why drop the edges inside a cycle: distributions build a cycle by bootstrapping it — each
 * member is built against its cycle-mates' previous binaries (DESIGN.md §1: "real distributions
 * break such cycles by hand, with bootstrap builds") — so a member's failure does not make its
 * cycle-mates "dependency failed", and building one member does not require rebuilding the others
 * first. A failure still reaches every dependent outside the cycle. (Counting the edges inside a
 * cycle would make Debian's 4,900-source toolchain cycle fail as soon as any one of its members
 * does: every transitive rebuild there would be predicted to fail completely.) Without those edges
 * the graph is acyclic, and {@link #order} — by component in dependency-first order — is a
 * topological order.
 *
 * <p>Construction is {@code O(R log R + E_R)} for {@code R} rebuilt nodes and the {@code E_R} edges
 * leaving them, plus one {@code int} per graph node for the reverse index. Immutable and
 * thread-safe. Invariant (checked on construction): every kept input comes earlier in {@link
 * #order} than its dependent.
 */
final class RebuildDag {
  final int size;
  final int[] node;
  final int[] localOf;

  /** Local nodes in a topological order (inputs first). */
  final int[] order;

  /** Position of each local node in {@link #order}. */
  final int[] position;

  final int[] inputStart;
  final int[] inputs;

  /** The same edges in both directions: dependents come from the one reverse-index builder. */
  final CsrGraph edges;

  RebuildDag(DependencyGraph graph, Components components, int[] nodes) {
    this.size = nodes.length;
    this.node = nodes;
    this.localOf = new int[graph.nodeCount()];
    Arrays.fill(localOf, -1);
    for (int i = 0; i < size; i++) {
      localOf[nodes[i]] = i;
    }
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = ((long) components.componentOf(nodes[i]) << 32) | i;
    }
    Arrays.sort(keys);
    this.order = new int[size];
    this.position = new int[size];
    for (int p = 0; p < size; p++) {
      order[p] = (int) keys[p];
      position[order[p]] = p;
    }
    this.inputStart = new int[size + 1];
    int[] in = new int[16];
    int write = 0;
    for (int i = 0; i < size; i++) {
      inputStart[i] = write;
      int v = nodes[i];
      int cv = components.componentOf(v);
      for (int p = graph.inputsStart(v); p < graph.inputsEnd(v); p++) {
        int u = graph.input(p);
        int lu = localOf[u];
        if (lu >= 0 && components.componentOf(u) != cv) {
          if (write == in.length) {
            in = Arrays.copyOf(in, in.length * 2);
          }
          in[write++] = lu;
        }
      }
    }
    inputStart[size] = write;
    this.inputs = Arrays.copyOf(in, write);
    this.edges = CsrGraph.fromInputs(inputStart, inputs);
    checkInvariants();
  }

  private void checkInvariants() {
    for (int i = 0; i < size; i++) {
      for (int p = inputStart[i]; p < inputStart[i + 1]; p++) {
        if (position[inputs[p]] >= position[i]) {
          throw new IllegalStateException(
              "rebuild DAG: input " + node[inputs[p]] + " does not precede " + node[i]);
        }
      }
    }
  }

  /** Node and edge visits of one pass; the simulation's work unit. */
  long passWork() {
    return (long) size + inputs.length;
  }

  /** Build hours per local node. */
  double[] hours(BuildDurations durations) {
    double[] h = new double[size];
    for (int i = 0; i < size; i++) {
      h[i] = durations.seconds(node[i]) / 3600.0;
    }
    return h;
  }

  /**
   * Marks, in {@code built}, the nodes that building local node {@code local} needs (itself and its
   * rebuilt inputs, transitively) and returns the hours of those newly marked. {@code stack} must
   * have room for {@link #size} entries. {@code O(new nodes + their edges)}.
   */
  double build(int local, boolean[] built, double[] hours, int[] stack) {
    if (built[local]) {
      return 0;
    }
    double total = 0;
    int sp = 0;
    stack[sp++] = local;
    built[local] = true;
    while (sp > 0) {
      int i = stack[--sp];
      total += hours[i];
      for (int p = inputStart[i]; p < inputStart[i + 1]; p++) {
        int u = inputs[p];
        if (!built[u]) {
          built[u] = true;
          stack[sp++] = u;
        }
      }
    }
    return total;
  }

  /**
   * The nodes building {@code local} would add to those already {@code built}, in topological
   * order, written to {@code out}; returns their number. Marks nothing. {@code seen} (all -1
   * initially) and {@code stack} are scratch of {@link #size} entries, {@code query} a number
   * distinct from earlier queries'.
   */
  int collect(int local, boolean[] built, int[] seen, int query, int[] stack, int[] out) {
    if (built[local]) {
      return 0;
    }
    int count = 0;
    int sp = 0;
    stack[sp++] = local;
    seen[local] = query;
    while (sp > 0) {
      int i = stack[--sp];
      out[count++] = position[i];
      for (int p = inputStart[i]; p < inputStart[i + 1]; p++) {
        int u = inputs[p];
        if (!built[u] && seen[u] != query) {
          seen[u] = query;
          stack[sp++] = u;
        }
      }
    }
    Arrays.sort(out, 0, count);
    for (int j = 0; j < count; j++) {
      out[j] = order[out[j]];
    }
    return count;
  }
}
