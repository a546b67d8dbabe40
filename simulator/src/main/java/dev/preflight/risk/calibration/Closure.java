package dev.preflight.risk.calibration;

import dev.preflight.graph.JGraphTView;
import dev.preflight.graph.PackageGraph;
import java.util.Arrays;
import org.jgrapht.Graph;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * The synthetic worlds' rebuild sets: a breadth-first search over dependents with JGraphT (the
 * product computes rebuild sets with the impact engine; the harness only needs the truth for small
 * synthetic graphs, and an independent implementation keeps it an oracle).
 */
final class Closure {
  private Closure() {}

  /** Shortest distance of every node from the changed ones along dependents; -1 if unreached. */
  static int[] distances(PackageGraph g, int[] changed) {
    Graph<Integer, Integer> reversed = new EdgeReversedGraph<>(JGraphTView.of(g));
    int[] d = new int[g.nodeCount()];
    Arrays.fill(d, -1);
    // One search per changed node (JGraphT's multi-start iterator searches the starts one after
    // another, so its depths are not distances from the nearest start).
    for (int c : changed) {
      BreadthFirstIterator<Integer, Integer> it = new BreadthFirstIterator<>(reversed, c);
      while (it.hasNext()) {
        int v = it.next();
        int depth = it.getDepth(v);
        d[v] = d[v] < 0 ? depth : Math.min(d[v], depth);
      }
    }
    return d;
  }
}
