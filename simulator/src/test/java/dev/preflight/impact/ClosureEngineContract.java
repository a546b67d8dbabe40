package dev.preflight.impact;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.testing.Graphs;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ClosureEngine} must meet, run once per implementation by a subclass.
 * Hand-made graphs pin each policy's meaning (DESIGN.md §2); seeded random graphs with cycles check
 * the engine against JGraphT ({@link ClosureOracle}).
 */
abstract class ClosureEngineContract {

  /** A fresh engine for {@code graph}. */
  abstract ClosureEngine engine(DependencyGraph graph);

  /** Length of the chain that proves the engine iterative (no recursion, no quadratic levels). */
  int longChainLength() {
    return 200_000;
  }

  private static int[] nodes(PackageGraph g, String... ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = g.indexOfId(ids[i]);
    }
    return out;
  }

  private RebuildSet run(PackageGraph g, Policy p, String... changed) {
    return engine(g).closure(nodes(g, changed), p);
  }

  private static void assertMembers(PackageGraph g, RebuildSet r, String... ids) {
    int[] expected = java.util.Arrays.stream(nodes(g, ids)).sorted().toArray();
    assertArrayEquals(expected, r.nodes(), r.toString());
  }

  @Test
  void closure_diamond_visitsSharedDependentOnceAtShortestDistance() {
    PackageGraph g = graph("a->b->d, a->c->d, e->a");
    RebuildSet r = run(g, Policy.TRANSITIVE, "d");
    assertMembers(g, r, "a", "b", "c", "d", "e");
    assertEquals(0, r.distance(g.indexOfId("d")));
    assertEquals(1, r.distance(g.indexOfId("b")));
    assertEquals(1, r.distance(g.indexOfId("c")));
    assertEquals(2, r.distance(g.indexOfId("a")));
    assertEquals(3, r.distance(g.indexOfId("e")));
  }

  @Test
  void closure_diamond_directIsChangedPlusDirectDependents() {
    PackageGraph g = graph("a->b->d, a->c->d, e->a");
    RebuildSet r = run(g, Policy.DIRECT, "d");
    assertMembers(g, r, "b", "c", "d");
    assertEquals(1, r.distance(g.indexOfId("c")));
  }

  @Test
  void closure_local_isOnlyTheChangedNodes() {
    PackageGraph g = graph("a->b->d, a->c->d");
    RebuildSet r = run(g, Policy.LOCAL, "d", "b");
    assertMembers(g, r, "b", "d");
    assertEquals(0, r.distance(g.indexOfId("b")));
  }

  @Test
  void closure_transitive_expandsAWholeCycle() {
    // a -> b -> c -> a is one SCC; x needs a, y is unrelated.
    PackageGraph g = graph("a->b->c->a, x->a, y");
    RebuildSet r = run(g, Policy.TRANSITIVE, "b");
    assertMembers(g, r, "a", "b", "c", "x");
    assertEquals(1, r.distance(g.indexOfId("a")));
    assertEquals(2, r.distance(g.indexOfId("c")));
    assertEquals(2, r.distance(g.indexOfId("x")));
    assertFalse(r.contains(g.indexOfId("y")));
  }

  @Test
  void closure_directAndLocal_neverExpandACycle() {
    PackageGraph g = graph("a->b->c->a, x->a");
    assertMembers(g, run(g, Policy.DIRECT, "a"), "a", "c", "x");
    assertMembers(g, run(g, Policy.LOCAL, "a"), "a");
  }

  @Test
  void closure_selfContainedScc_changeOutsideDoesNotEnterIt() {
    // The SCC {p, q} needs nothing; a change to r (which needs p) does not reach it.
    PackageGraph g = graph("p->q->p, r->p, s->r");
    assertMembers(g, run(g, Policy.TRANSITIVE, "r"), "r", "s");
    assertMembers(g, run(g, Policy.TRANSITIVE, "q"), "p", "q", "r", "s");
  }

  @Test
  void closure_noSeeds_isEmpty() {
    PackageGraph g = graph("a->b");
    for (Policy p : new Policy[] {Policy.TRANSITIVE, Policy.DIRECT, Policy.LOCAL}) {
      RebuildSet r = engine(g).closure(new int[0], p);
      assertTrue(r.isEmpty(), p.toString());
      assertEquals(2, r.nodeCount());
    }
  }

  @Test
  void closure_duplicateSeeds_countOnce() {
    PackageGraph g = graph("a->b");
    int b = g.indexOfId("b");
    assertEquals(2, engine(g).closure(new int[] {b, b, b}, Policy.TRANSITIVE).size());
  }

  @Test
  void closure_cutoffPolicy_isRejected() {
    PackageGraph g = graph("a->b");
    assertThrows(
        IllegalArgumentException.class, () -> engine(g).closure(new int[] {0}, Policy.CUTOFF));
  }

  @Test
  void closure_seedOutOfRange_isRejected() {
    PackageGraph g = graph("a->b");
    assertThrows(
        IllegalArgumentException.class, () -> engine(g).closure(new int[] {2}, Policy.LOCAL));
  }

  @Test
  void closure_repeatedQueries_doNotLeakState() {
    PackageGraph g = Graphs.random(300, 2.0, true, 7);
    ClosureEngine e = engine(g);
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 50; i++) {
      int[] seeds = {r.nextInt(300), r.nextInt(300)};
      Policy p = Policy.values()[r.nextInt(3)];
      assertEquals(
          ClosureOracle.rebuildSet(g, seeds, p),
          e.closure(seeds, p),
          ClosureOracle.describe(seeds, p));
    }
  }

  @Test
  void closure_longChain_isIterative() {
    int n = longChainLength();
    dev.preflight.graph.PackageGraphBuilder b = PackageGraph.builder();
    for (int v = 0; v < n; v++) {
      b.addNode(dev.preflight.graph.NodeRecord.of("n" + v, "n" + v, "x86_64-linux"));
    }
    for (int v = 1; v < n; v++) {
      b.addEdge(v, v - 1);
    }
    PackageGraph g = b.build();
    RebuildSet r = engine(g).closure(new int[] {0}, Policy.TRANSITIVE);
    assertEquals(n, r.size());
    assertEquals(n - 1, r.distance(n - 1));
  }

  @Test
  void closure_graphWithALargeCycle_matchesJGraphT() {
    // Wide frontiers: the BFS engine switches to bottom-up levels and back here.
    PackageGraph g = ProfileEngineContract.withLargeCycle(4_000, 700, 12);
    ClosureEngine e = engine(g);
    for (int[] seeds : new int[][] {{4_005}, {0}, {3_999}, {650, 2_000}, {1_000, 4_010, 5}}) {
      assertEquals(
          ClosureOracle.rebuildSet(g, seeds, Policy.TRANSITIVE),
          e.closure(seeds, Policy.TRANSITIVE),
          java.util.Arrays.toString(seeds));
    }
  }

  @Test
  void closure_randomCyclicGraphs_matchJGraphT() {
    SplittableRandom r = new SplittableRandom(20261122L);
    for (int c = 0; c < 300; c++) {
      int n = 1 + r.nextInt(80);
      double mean = r.nextDouble() * 3.0;
      PackageGraph g = Graphs.random(n, mean, r.nextInt(4) != 0, r.nextLong());
      ClosureEngine e = engine(g);
      int k = r.nextInt(Math.min(n, 5) + 1);
      int[] seeds = new int[k];
      for (int i = 0; i < k; i++) {
        seeds[i] = r.nextInt(n);
      }
      for (Policy p : new Policy[] {Policy.TRANSITIVE, Policy.DIRECT, Policy.LOCAL}) {
        assertEquals(
            ClosureOracle.rebuildSet(g, seeds, p),
            e.closure(seeds, p),
            "case " + c + ": " + ClosureOracle.describe(seeds, p) + " on " + g);
      }
    }
  }
}
