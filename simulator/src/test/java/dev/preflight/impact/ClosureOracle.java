package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.testing.ForwardCopy;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * The test oracle: rebuild sets computed with JGraphT over the oracle's own copy of the graph
 * ({@link ForwardCopy}: forward edges only, never the graph's reverse index), one single-source BFS
 * per seed on the edge-reversed copy, distances taken as the minimum over seeds.
 */
final class ClosureOracle {
  private ClosureOracle() {}

  /** Node -> distance from the nearest seed, for the given policy. */
  static Map<Integer, Integer> closure(DependencyGraph g, int[] seeds, Policy policy) {
    Graph<Integer, DefaultEdge> copy = ForwardCopy.of(g);
    Graph<Integer, DefaultEdge> reversed = new EdgeReversedGraph<>(copy);
    Map<Integer, Integer> out = new TreeMap<>();
    for (int s : seeds) {
      out.put(s, 0);
    }
    for (int s : seeds) {
      switch (policy) {
        case LOCAL -> {}
        case DIRECT -> {
          for (DefaultEdge e : copy.incomingEdgesOf(s)) {
            out.merge(copy.getEdgeSource(e), 1, Math::min);
          }
        }
        case TRANSITIVE -> {
          BreadthFirstIterator<Integer, DefaultEdge> it = new BreadthFirstIterator<>(reversed, s);
          while (it.hasNext()) {
            int v = it.next();
            out.merge(v, it.getDepth(v), Math::min);
          }
        }
        default -> throw new IllegalArgumentException(policy.toString());
      }
    }
    return out;
  }

  /** The oracle's answer as a {@link RebuildSet}. */
  static RebuildSet rebuildSet(DependencyGraph g, int[] seeds, Policy policy) {
    Map<Integer, Integer> m = closure(g, seeds, policy);
    int[] nodes = m.keySet().stream().mapToInt(Integer::intValue).toArray();
    int[] dist = m.values().stream().mapToInt(Integer::intValue).toArray();
    return RebuildSet.of(g.nodeCount(), nodes, dist);
  }

  static String describe(int[] seeds, Policy p) {
    return p + " from " + Arrays.toString(seeds);
  }
}
