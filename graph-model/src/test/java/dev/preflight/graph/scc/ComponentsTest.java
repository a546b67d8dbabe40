package dev.preflight.graph.scc;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.JGraphTView;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.testing.Graphs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.junit.jupiter.api.Test;

final class ComponentsTest {

  @Test
  void cycle_isOneComponent_andDependencyFirstOrder() {
    PackageGraph g = graph("app->lib, lib->gcc, gcc->glibc, glibc->gcc, gcc->base");
    Components c = g.components();
    int gcc = c.componentOf(g.indexOfId("gcc"));
    assertEquals(gcc, c.componentOf(g.indexOfId("glibc")));
    assertEquals(2, c.size(gcc));
    assertEquals(4, c.count());
    assertEquals(2, c.largestSize());
    assertEquals(1, c.nonTrivialCount());
    assertTrue(c.componentOf(g.indexOfId("base")) < gcc);
    assertTrue(gcc < c.componentOf(g.indexOfId("lib")));
    assertTrue(c.componentOf(g.indexOfId("lib")) < c.componentOf(g.indexOfId("app")));
  }

  @Test
  void randomGraphs_matchJGraphTKosaraju() {
    for (long seed = 1; seed <= 200; seed++) {
      PackageGraph g = Graphs.random(1 + (int) (seed % 60), 1.5, true, seed);
      Components c = g.components();
      Graph<Integer, Integer> view = JGraphTView.of(g);
      List<Set<Integer>> oracle =
          new KosarajuStrongConnectivityInspector<>(view).stronglyConnectedSets();
      assertEquals(oracle.size(), c.count(), "seed " + seed);
      for (Set<Integer> scc : oracle) {
        Set<Integer> comps = new HashSet<>();
        for (int v : scc) {
          comps.add(c.componentOf(v));
        }
        assertEquals(1, comps.size(), "seed " + seed + " splits " + scc);
        assertEquals(scc.size(), c.size(comps.iterator().next()), "seed " + seed);
      }
      // Every edge across components goes from a higher to a lower component.
      for (int v = 0; v < g.nodeCount(); v++) {
        for (int w : g.inputsOf(v)) {
          if (c.componentOf(v) != c.componentOf(w)) {
            assertTrue(c.componentOf(w) < c.componentOf(v), "seed " + seed);
          }
        }
      }
    }
  }

  @Test
  void longChain_doesNotOverflowTheStack() {
    int n = 300_000;
    PackageGraphBuilder b = PackageGraph.builder();
    for (int v = 0; v < n; v++) {
      b.addNode(NodeRecord.of("v" + v, "v" + v, "s"));
    }
    for (int v = 1; v < n; v++) {
      b.addEdge(v - 1, v);
    }
    b.addEdge(n - 1, 0); // one giant cycle
    Components c = b.build().components();
    assertEquals(1, c.count());
    assertEquals(n, c.largestSize());
  }

  @Test
  void condensation_hasNoDuplicateEdges() {
    PackageGraph g = graph("a->x, a->y, x->y, y->x, b->x");
    Components c = g.components();
    int a = c.componentOf(g.indexOfId("a"));
    assertEquals(1, c.inputsEnd(a) - c.inputsStart(a));
    int xy = c.componentOf(g.indexOfId("x"));
    assertEquals(2, c.dependentsEnd(xy) - c.dependentsStart(xy));
    assertNotEquals(a, xy);
  }
}
