package dev.preflight.graph;

import dev.preflight.graph.scc.Components;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures {@code preflight stats} reports (DESIGN.md §6), computed once from a graph.
 *
 * @param nodes node count
 * @param edges distinct edge count (self-loops dropped, duplicates merged)
 * @param systems node count per system, sorted by system
 * @param sccCount strongly connected components, singletons included (as networkx counts them)
 * @param cyclicSccCount components with more than one node: the cycles
 * @param largestScc node count of the largest component
 * @param selfLoopsDropped self-edges dropped while building the graph
 * @param unresolved names the importer could not resolve to any node
 */
public record GraphStats(
    int nodes,
    int edges,
    Map<String, Integer> systems,
    int sccCount,
    int cyclicSccCount,
    int largestScc,
    long selfLoopsDropped,
    int unresolved) {

  public static GraphStats of(PackageGraph g) {
    Map<String, Integer> bySystem = new TreeMap<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      bySystem.merge(g.system(v), 1, Integer::sum);
    }
    Components c = g.components();
    return new GraphStats(
        g.nodeCount(),
        g.edgeCount(),
        bySystem,
        c.count(),
        c.nonTrivialCount(),
        c.largestSize(),
        g.metadata().selfLoopsDropped(),
        g.metadata().unresolved().size());
  }
}
