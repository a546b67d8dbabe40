package dev.preflight.graph.scc;

import dev.preflight.graph.CsrGraph;
import dev.preflight.graph.DependencyGraph;
import java.util.Arrays;

/**
 * The strongly connected components of a {@link DependencyGraph} and its condensation DAG.
 *
 * <p>Computed by an iterative Tarjan over the input edges: {@code O(V + E)} time, {@code O(V)}
 * extra memory, no recursion (safe on 1,000,000 nodes). Components are numbered in
 * <b>dependency-first order</b>: if {@code a} needs {@code b} and they are in different components,
 * then {@code component(b) < component(a)}. Iterating components upwards is therefore a valid build
 * order, and iterating downwards visits every dependent before its inputs.
 *
 * <p>The condensation is a {@link CsrGraph} (both directions, the reverse index from its one
 * builder), with distinct, sorted neighbours and no self-loops. Immutable and thread-safe.
 * Invariants (checked at the end of construction): every node has a component; every condensation
 * edge goes from a higher to a lower component.
 */
public final class Components {
  private final int[] componentOf;
  private final int[] memberOffsets;
  private final int[] members;
  private final CsrGraph condensation;
  private final int largest;

  private Components(int[] componentOf, int[] memberOffsets, int[] members, CsrGraph condensation) {
    this.componentOf = componentOf;
    this.memberOffsets = memberOffsets;
    this.members = members;
    this.condensation = condensation;
    int max = 0;
    for (int c = 0; c < count(); c++) {
      max = Math.max(max, size(c));
    }
    this.largest = max;
  }

  /** Computes the components of {@code graph}. */
  public static Components of(DependencyGraph graph) {
    int n = graph.nodeCount();
    int[] componentOf = tarjan(graph);
    int count = 0;
    for (int c : componentOf) {
      count = Math.max(count, c + 1);
    }
    // Members grouped by component, ascending node index within each.
    int[] memberOffsets = new int[count + 1];
    for (int v = 0; v < n; v++) {
      memberOffsets[componentOf[v] + 1]++;
    }
    for (int c = 0; c < count; c++) {
      memberOffsets[c + 1] += memberOffsets[c];
    }
    int[] fill = Arrays.copyOf(memberOffsets, count);
    int[] members = new int[n];
    for (int v = 0; v < n; v++) {
      members[fill[componentOf[v]]++] = v;
    }
    // Condensation inputs: per component, the distinct components its members need.
    int[] mark = new int[count];
    Arrays.fill(mark, -1);
    int[] inputOffsets = new int[count + 1];
    int[] buffer = new int[Math.max(16, graph.edgeCount())];
    int write = 0;
    for (int c = 0; c < count; c++) {
      inputOffsets[c] = write;
      for (int m = memberOffsets[c]; m < memberOffsets[c + 1]; m++) {
        int v = members[m];
        for (int p = graph.inputsStart(v); p < graph.inputsEnd(v); p++) {
          int d = componentOf[graph.input(p)];
          if (d != c && mark[d] != c) {
            mark[d] = c;
            buffer[write++] = d;
          }
        }
      }
      Arrays.sort(buffer, inputOffsets[c], write);
    }
    inputOffsets[count] = write;
    Components result =
        new Components(
            componentOf,
            memberOffsets,
            members,
            CsrGraph.fromInputs(inputOffsets, Arrays.copyOf(buffer, write)));
    result.checkInvariants();
    return result;
  }

  /**
   * Iterative Tarjan. Components are emitted when their root finishes, i.e. after every component
   * reachable through inputs, which yields the dependency-first numbering.
   */
  private static int[] tarjan(DependencyGraph g) {
    int n = g.nodeCount();
    int[] index = new int[n];
    int[] low = new int[n];
    int[] comp = new int[n];
    Arrays.fill(index, -1);
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int sp = 0;
    int[] callNode = new int[n];
    int[] callPos = new int[n];
    int next = 0;
    int components = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int depth = 0;
      callNode[0] = root;
      callPos[0] = g.inputsStart(root);
      index[root] = low[root] = next++;
      stack[sp++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        int v = callNode[depth];
        int p = callPos[depth];
        if (p < g.inputsEnd(v)) {
          callPos[depth] = p + 1;
          int w = g.input(p);
          if (index[w] < 0) {
            index[w] = low[w] = next++;
            stack[sp++] = w;
            onStack[w] = true;
            depth++;
            callNode[depth] = w;
            callPos[depth] = g.inputsStart(w);
          } else if (onStack[w] && index[w] < low[v]) {
            low[v] = index[w];
          }
          continue;
        }
        if (low[v] == index[v]) {
          int w;
          do {
            w = stack[--sp];
            onStack[w] = false;
            comp[w] = components;
          } while (w != v);
          components++;
        }
        depth--;
        if (depth >= 0) {
          int parent = callNode[depth];
          if (low[v] < low[parent]) {
            low[parent] = low[v];
          }
        }
      }
    }
    return comp;
  }

  private void checkInvariants() {
    for (int c = 0; c < count(); c++) {
      if (size(c) == 0) {
        throw new IllegalStateException("empty component " + c);
      }
      for (int p = inputsStart(c); p < inputsEnd(c); p++) {
        if (input(p) >= c) {
          throw new IllegalStateException(
              "condensation edge " + c + " -> " + input(p) + " breaks dependency order");
        }
      }
    }
  }

  /** Number of components. */
  public int count() {
    return memberOffsets.length - 1;
  }

  /** The component of {@code node}. */
  public int componentOf(int node) {
    return componentOf[node];
  }

  /** Number of nodes in component {@code c}. */
  public int size(int c) {
    return memberOffsets[c + 1] - memberOffsets[c];
  }

  /** Size of the largest component. */
  public int largestSize() {
    return largest;
  }

  /** Number of components with more than one node (the cycles). */
  public int nonTrivialCount() {
    int k = 0;
    for (int c = 0; c < count(); c++) {
      if (size(c) > 1) {
        k++;
      }
    }
    return k;
  }

  /** The members of component {@code c}, ascending. */
  public int[] members(int c) {
    return Arrays.copyOfRange(members, memberOffsets[c], memberOffsets[c + 1]);
  }

  public int membersStart(int c) {
    return memberOffsets[c];
  }

  public int membersEnd(int c) {
    return memberOffsets[c + 1];
  }

  public int member(int position) {
    return members[position];
  }

  /** The condensation DAG: one node per component, an edge where members' edges cross. */
  public CsrGraph condensation() {
    return condensation;
  }

  /** Components that {@code c} needs (condensation edges), positions as in {@link #input}. */
  public int inputsStart(int c) {
    return condensation.inputsStart(c);
  }

  public int inputsEnd(int c) {
    return condensation.inputsEnd(c);
  }

  public int input(int position) {
    return condensation.input(position);
  }

  /** Components that need {@code c}. */
  public int dependentsStart(int c) {
    return condensation.dependentsStart(c);
  }

  public int dependentsEnd(int c) {
    return condensation.dependentsEnd(c);
  }

  public int dependent(int position) {
    return condensation.dependent(position);
  }

  /** Number of condensation edges. */
  public int edgeCount() {
    return condensation.edgeCount();
  }
}
