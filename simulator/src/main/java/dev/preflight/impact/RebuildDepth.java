package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.PackageGraph;
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
 * <p>This is the unit-weight case of {@link RebuildCondensation#longestChain}, the same computation
 * that gives the cost model its duration-weighted critical path.
 *
 * <p><b>Complexity:</b> that of {@link RebuildCondensation}: {@code O(k + e log k)} for {@code k}
 * rebuilt nodes and {@code e} edges leaving them. Stateless and thread-safe.
 */
public final class RebuildDepth {
  private RebuildDepth() {}

  /** The depth of {@code set} in {@code graph}. */
  public static int of(DependencyGraph graph, RebuildSet set) {
    return set.isEmpty() ? 0 : RebuildCondensation.of(graph, set).depth();
  }

  /**
   * The depth of a {@code transitive} rebuild set, from the graph's components (which the
   * transitive closure has computed already) instead of condensing the set again; the same answer
   * as {@link #of}. Falls back to {@link #of} for a set that is not closed under dependents.
   */
  public static int ofTransitive(PackageGraph graph, RebuildSet set) {
    if (set.isEmpty()) {
      return 0;
    }
    return closedUnderDependents(graph, set)
        ? overGraphComponents(graph.components(), set)
        : of(graph, set);
  }

  /**
   * Whether every dependent of a member is a member, as for a {@code transitive} rebuild set. Then
   * the strongly connected components of the induced subgraph are the graph's own components of the
   * members (a path between two members of a graph component runs through nodes that reach a
   * member, so members too), and the graph's components, computed once for the closure, give the
   * depth without condensing the rebuild set again. {@code O(edges leaving the set)}.
   */
  private static boolean closedUnderDependents(DependencyGraph g, RebuildSet set) {
    for (int i = 0; i < set.size(); i++) {
      int v = set.node(i);
      for (int p = g.dependentsStart(v), end = g.dependentsEnd(v); p < end; p++) {
        if (!set.contains(g.dependent(p))) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The longest chain, in components, of the condensation restricted to the set's components:
   * components are numbered inputs first, so one ascending pass sees each input's chain before its
   * dependents. {@code O(k + edges of the set's components)}.
   */
  private static int overGraphComponents(Components comps, RebuildSet set) {
    int[] chain = new int[comps.count()];
    int k = 0;
    int[] members = new int[set.size()];
    for (int i = 0; i < set.size(); i++) {
      members[k++] = comps.componentOf(set.node(i));
    }
    java.util.Arrays.sort(members);
    int depth = 0;
    int previous = -1;
    for (int c : members) {
      if (c == previous) {
        continue;
      }
      previous = c;
      int longest = 0;
      for (int p = comps.inputsStart(c), end = comps.inputsEnd(c); p < end; p++) {
        longest = Math.max(longest, chain[comps.input(p)]); // 0 for an input not rebuilt
      }
      chain[c] = longest + 1;
      depth = Math.max(depth, chain[c]);
    }
    return depth;
  }
}
