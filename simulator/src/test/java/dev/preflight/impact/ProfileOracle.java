package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.JGraphTView;
import org.jgrapht.Graph;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;

/** The profile oracle: per node, JGraphT's BFS over the edge-reversed view. */
final class ProfileOracle {
  private ProfileOracle() {}

  static ImpactProfile profile(DependencyGraph g) {
    Graph<Integer, Integer> view = JGraphTView.of(g);
    Graph<Integer, Integer> reversed = new EdgeReversedGraph<>(view);
    int n = g.nodeCount();
    int[] counts = new int[n];
    int[] direct = new int[n];
    for (int v = 0; v < n; v++) {
      BreadthFirstIterator<Integer, Integer> it = new BreadthFirstIterator<>(reversed, v);
      int k = 0;
      while (it.hasNext()) {
        it.next();
        k++;
      }
      counts[v] = k;
      direct[v] = view.inDegreeOf(v);
    }
    return new ImpactProfile(counts, direct);
  }
}
