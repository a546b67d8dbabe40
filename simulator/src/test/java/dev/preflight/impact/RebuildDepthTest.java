package dev.preflight.impact;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.testing.ForwardCopy;
import dev.preflight.graph.testing.Graphs;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;
import org.junit.jupiter.api.Test;

final class RebuildDepthTest {
  private static int depth(PackageGraph g, Policy p, String... changed) {
    int[] seeds = java.util.Arrays.stream(changed).mapToInt(g::indexOfId).toArray();
    return RebuildDepth.of(g, new ReverseClosure(g).closure(seeds, p));
  }

  @Test
  void depth_emptySetIsZero() {
    PackageGraph g = graph("a->b");
    assertEquals(0, RebuildDepth.of(g, RebuildSet.empty(2)));
  }

  @Test
  void depth_chainCountsNodes() {
    PackageGraph g = graph("a->b->c, d");
    assertEquals(3, depth(g, Policy.TRANSITIVE, "c"));
    assertEquals(1, depth(g, Policy.LOCAL, "c"));
    assertEquals(2, depth(g, Policy.DIRECT, "c"));
  }

  @Test
  void depth_rebuiltCycleCountsAsOneJob() {
    // x -> {a, b, c cycle} -> y: y, the cycle, x.
    PackageGraph g = graph("a->b->c->a, x->a, c->y");
    assertEquals(3, depth(g, Policy.TRANSITIVE, "y"));
  }

  @Test
  void depth_partOfACycleUnderDirect_isNoCycle() {
    // a->b->c->a; DIRECT from a rebuilds a and c (c needs a): c after a, depth 2.
    PackageGraph g = graph("a->b->c->a");
    assertEquals(2, depth(g, Policy.DIRECT, "a"));
  }

  @Test
  void depth_randomGraphs_matchJGraphTCondensation() {
    SplittableRandom r = new SplittableRandom(77);
    for (int c = 0; c < 150; c++) {
      int n = 1 + r.nextInt(60);
      PackageGraph g = Graphs.random(n, r.nextDouble() * 3, true, r.nextLong());
      int[] seeds = {r.nextInt(n), r.nextInt(n)};
      Policy p = Policy.values()[r.nextInt(3)];
      RebuildSet set = new ReverseClosure(g).closure(seeds, p);
      assertEquals(oracle(g, set), RebuildDepth.of(g, set), "case " + c);
    }
  }

  /** Longest path over JGraphT's condensation of the induced subgraph, counting components. */
  private static int oracle(PackageGraph g, RebuildSet set) {
    Set<Integer> members = new HashSet<>();
    for (int v : set.nodes()) {
      members.add(v);
    }
    Graph<Integer, DefaultEdge> sub = new AsSubgraph<>(ForwardCopy.of(g), members);
    Graph<Graph<Integer, DefaultEdge>, DefaultEdge> cond =
        new KosarajuStrongConnectivityInspector<>(sub).getCondensation();
    Map<Graph<Integer, DefaultEdge>, Integer> longest = new HashMap<>();
    int best = 0;
    // Edges point from a dependent to its input: a reverse topological order visits inputs first.
    java.util.List<Graph<Integer, DefaultEdge>> order = new java.util.ArrayList<>();
    new TopologicalOrderIterator<>(cond).forEachRemaining(order::add);
    java.util.Collections.reverse(order);
    for (Graph<Integer, DefaultEdge> comp : order) {
      int d = 1;
      for (DefaultEdge e : cond.outgoingEdgesOf(comp)) {
        d = Math.max(d, 1 + longest.get(cond.getEdgeTarget(e)));
      }
      longest.put(comp, d);
      best = Math.max(best, d);
    }
    return best;
  }

  /**
   * The transitive shortcut over the graph's own components equals the condensation of the rebuild
   * set, on random cyclic graphs and every tenth node as the change; a set that is not closed under
   * dependents (direct) falls back to the same answer.
   */
  @org.junit.jupiter.api.Test
  void ofTransitive_randomCyclicGraphs_equalsCondensingTheSet() {
    for (long seed = 1; seed <= 12; seed++) {
      dev.preflight.graph.PackageGraph g =
          dev.preflight.graph.testing.Graphs.random(400, 1.5 + seed % 3, true, seed);
      ReverseClosure closure = new ReverseClosure(g);
      for (int v = 0; v < g.nodeCount(); v += 10) {
        RebuildSet t = closure.closure(new int[] {v}, Policy.TRANSITIVE);
        org.junit.jupiter.api.Assertions.assertEquals(
            RebuildDepth.of(g, t), RebuildDepth.ofTransitive(g, t), "seed " + seed + " node " + v);
        RebuildSet d = closure.closure(new int[] {v}, Policy.DIRECT);
        org.junit.jupiter.api.Assertions.assertEquals(
            RebuildDepth.of(g, d), RebuildDepth.ofTransitive(g, d), "direct, seed " + seed);
      }
    }
  }
}
