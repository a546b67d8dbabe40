package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;

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
}
