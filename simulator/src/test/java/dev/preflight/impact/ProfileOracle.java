package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.testing.ForwardCopy;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * The profile oracle: per node, JGraphT's BFS over the edge-reversed {@link ForwardCopy} of the
 * graph, and the direct count as that copy's in-degree, so neither reads the graph's reverse index.
 */
final class ProfileOracle {
  private ProfileOracle() {}

  static ImpactProfile profile(DependencyGraph g) {
    Graph<Integer, DefaultEdge> copy = ForwardCopy.of(g);
    Graph<Integer, DefaultEdge> reversed = new EdgeReversedGraph<>(copy);
    int n = g.nodeCount();
    int[] counts = new int[n];
    int[] direct = new int[n];
    for (int v = 0; v < n; v++) {
      BreadthFirstIterator<Integer, DefaultEdge> it = new BreadthFirstIterator<>(reversed, v);
      int k = 0;
      while (it.hasNext()) {
        it.next();
        k++;
      }
      counts[v] = k;
      direct[v] = copy.inDegreeOf(v);
    }
    return new ImpactProfile(counts, direct);
  }
}
