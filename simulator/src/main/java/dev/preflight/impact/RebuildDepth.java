package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.scc.Components;

/**
 * The depth of a rebuild: the number of build jobs on the longest chain of rebuilds.
 *
 * <p><b>Definition.</b> Take the subgraph induced by the rebuild set (only edges between two
 * rebuilt nodes order builds) and condense its strongly connected components: a cycle among rebuilt
 * nodes cannot be ordered and is built as one job, as the scheduler does (DESIGN.md §1). The depth
 * is the number of components on the longest path of that condensation: {@code 0} for an empty set,
 * {@code 1} when nothing rebuilt needs anything else rebuilt, {@code 3} for {@code a -> b -> c} all
 * rebuilt, and a rebuilt cycle counts once however many members it has. The SCCs are those of the
 * induced subgraph: under {@code direct} or {@code local} part of a graph cycle may rebuild without
 * the rest, and then it is no cycle among the rebuilds.
 *
 * <p><b>Complexity:</b> {@code O(k + e)} for {@code k} rebuilt nodes and {@code e} edges among them
 * (one pass to build the induced CSR, an iterative Tarjan, one pass over the condensation).
 * Stateless and thread-safe.
 */
public final class RebuildDepth {
  private RebuildDepth() {}

  /** The depth of {@code set} in {@code graph}. */
  public static int of(DependencyGraph graph, RebuildSet set) {
    if (set.isEmpty()) {
      return 0;
    }
    Induced sub = new Induced(graph, set);
    Components comps = Components.of(sub);
    int[] depth = new int[comps.count()];
    int max = 0;
    for (int c = 0; c < comps.count(); c++) {
      int best = 0;
      for (int p = comps.inputsStart(c); p < comps.inputsEnd(c); p++) {
        best = Math.max(best, depth[comps.input(p)]);
      }
      depth[c] = best + 1;
      max = Math.max(max, depth[c]);
    }
    return max;
  }

  /** The subgraph induced by a rebuild set, renumbered to the set's ascending order. */
  private static final class Induced implements DependencyGraph {
    private final int[] inOffsets;
    private final int[] inTargets;
    private final int[] depOffsets;
    private final int[] depTargets;

    Induced(DependencyGraph g, RebuildSet set) {
      int k = set.size();
      inOffsets = new int[k + 1];
      for (int i = 0; i < k; i++) {
        int v = set.node(i);
        int count = 0;
        for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
          if (set.contains(g.input(p))) {
            count++;
          }
        }
        inOffsets[i + 1] = inOffsets[i] + count;
      }
      inTargets = new int[inOffsets[k]];
      int[] depCount = new int[k + 1];
      int at = 0;
      for (int i = 0; i < k; i++) {
        int v = set.node(i);
        for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
          int w = g.input(p);
          if (set.contains(w)) {
            // Inputs are ascending in g and the renumbering keeps order, so targets stay sorted.
            int j = java.util.Arrays.binarySearch(set.nodesView(), w);
            inTargets[at++] = j;
            depCount[j + 1]++;
          }
        }
      }
      depOffsets = new int[k + 1];
      for (int i = 0; i < k; i++) {
        depOffsets[i + 1] = depOffsets[i] + depCount[i + 1];
      }
      depTargets = new int[inTargets.length];
      int[] fill = java.util.Arrays.copyOf(depOffsets, k);
      for (int i = 0; i < k; i++) {
        for (int p = inOffsets[i]; p < inOffsets[i + 1]; p++) {
          depTargets[fill[inTargets[p]]++] = i;
        }
      }
    }

    @Override
    public int nodeCount() {
      return inOffsets.length - 1;
    }

    @Override
    public int edgeCount() {
      return inTargets.length;
    }

    @Override
    public int inputsStart(int node) {
      return inOffsets[node];
    }

    @Override
    public int inputsEnd(int node) {
      return inOffsets[node + 1];
    }

    @Override
    public int input(int position) {
      return inTargets[position];
    }

    @Override
    public int dependentsStart(int node) {
      return depOffsets[node];
    }

    @Override
    public int dependentsEnd(int node) {
      return depOffsets[node + 1];
    }

    @Override
    public int dependent(int position) {
      return depTargets[position];
    }
  }
}
