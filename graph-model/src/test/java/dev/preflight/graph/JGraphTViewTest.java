package dev.preflight.graph;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.graph.testing.Graphs;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.junit.jupiter.api.Test;

final class JGraphTViewTest {

  @Test
  void view_exposesEdgesWithSourcesAndTargets() {
    PackageGraph g = graph("a->b, a->c, b->c, d");
    Graph<Integer, Integer> v = JGraphTView.of(g);
    assertEquals(4, v.vertexSet().size());
    assertEquals(3, v.edgeSet().size());
    for (int e : v.edgeSet()) {
      int s = v.getEdgeSource(e);
      int t = v.getEdgeTarget(e);
      assertEquals(e, (int) v.getEdge(s, t));
    }
    int c = g.indexOfId("c");
    assertEquals(2, v.inDegreeOf(c));
    assertEquals(Set.of(v.getEdge(0, c), v.getEdge(1, c)), v.incomingEdgesOf(c));
    assertNull(v.getEdge(c, 0));
    assertThrows(UnsupportedOperationException.class, () -> v.addVertex(99));
  }

  @Test
  void view_worksWithJGraphTAlgorithms() {
    PackageGraph g = Graphs.random(200, 2.0, false, 7);
    Graph<Integer, Integer> v = JGraphTView.of(g);
    for (int e : v.edgeSet()) {
      assertEquals(1, v.outgoingEdgesOf(v.getEdgeSource(e)).stream().filter(x -> x == e).count());
    }
    var paths = new BFSShortestPath<>(v).getPaths(199);
    assertEquals(0.0, paths.getWeight(199));
  }
}
