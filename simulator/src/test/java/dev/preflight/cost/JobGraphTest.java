package dev.preflight.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.JGraphTView;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.testing.Graphs;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.AsSubgraph;
import org.junit.jupiter.api.Test;

final class JobGraphTest {
  @Test
  void cycleInsideTheSet_membersAreSeparateJobs_withOnlyTheirOutsideInputs() {
    // a <-> b is a cycle needing c; d needs a.
    PackageGraph g = Graphs.graph("a->b, b->a, b->c, d->a");
    JobGraph jobs = JobGraph.all(g);
    assertEquals(4, jobs.jobCount());
    assertEquals(1, jobs.cycleCount());
    assertEquals(2, jobs.cycleMemberCount());
    int a = jobs.jobOfNode(0);
    int b = jobs.jobOfNode(1);
    int c = jobs.jobOfNode(2);
    int d = jobs.jobOfNode(3);
    assertTrue(jobs.sameCycle(a, b));
    assertEquals(0, jobs.inputCount(a), "a's only input b is inside the cycle");
    assertEquals(1, jobs.inputCount(b));
    assertEquals(c, jobs.input(jobs.inputsStart(b)));
    assertEquals(a, jobs.input(jobs.inputsStart(d)));
    assertTrue(c < b && a < d, "inputs first");
    assertEquals("a", jobs.label(a));
    assertEquals(0, jobs.queuePosition(a));
    // ben's levels: c 0; the cycle a, b shares level 1; d 2.
    assertEquals(0, jobs.level(c));
    assertEquals(1, jobs.level(a));
    assertEquals(1, jobs.level(b));
    assertEquals(2, jobs.level(d));
    assertEquals(3, jobs.levelCount());
  }

  @Test
  void independent_hasNoEdges_levelsKeepTheDependencyEdges() {
    PackageGraph g = Graphs.graph("a->b, b->a, b->c, d->a");
    JobGraph ind = JobGraph.all(g, BuildOrder.INDEPENDENT);
    JobGraph lev = JobGraph.all(g, BuildOrder.LEVELS);
    JobGraph dep = JobGraph.all(g, BuildOrder.DEPENDENCIES);
    for (int j = 0; j < 4; j++) {
      assertEquals(0, ind.inputCount(j));
      assertEquals(dep.inputCount(j), lev.inputCount(j));
    }
    assertEquals(1, ind.cycleCount());
    double[] w = {10, 20, 5, 1};
    // weights by node a, b, c, d mapped to jobs
    double[] byJob = new double[4];
    for (int v = 0; v < 4; v++) {
      byJob[dep.jobOfNode(v)] = w[v];
    }
    // dependencies: c 5 > b 20 = 25 (a: 10, d after a: 11).
    assertEquals(25, dep.longestChain(byJob).length());
    // levels: max(c)=5 + max(a, b)=20 + max(d)=1.
    assertEquals(26, lev.longestChain(byJob).length());
    // independent: the longest single build.
    assertEquals(20, ind.longestChain(byJob).length());
  }

  @Test
  void partOfAWholeGraphCycle_isNoCycleWhenItIsNoCycleInTheSet() {
    // a -> b -> c -> a is a cycle of the graph; without c, a needs b.
    PackageGraph g = Graphs.graph("a->b->c->a");
    JobGraph jobs = JobGraph.of(g, new int[] {0, 1});
    assertEquals(2, jobs.jobCount());
    assertEquals(0, jobs.cycleCount());
    assertTrue(jobs.jobOfNode(1) < jobs.jobOfNode(0));
    assertEquals(1, jobs.inputCount(jobs.jobOfNode(0)));
    assertEquals(-1, jobs.jobOfNode(2));
  }

  @Test
  void jobEdges_areTheInducedEdgesBetweenJGraphTsStrongComponents() {
    for (long seed = 1; seed <= 15; seed++) {
      PackageGraph g = Graphs.random(300, 2, true, seed);
      SplittableRandom r = new SplittableRandom(seed);
      int[] set = java.util.stream.IntStream.range(0, 300).filter(v -> r.nextInt(3) > 0).toArray();
      JobGraph jobs = JobGraph.of(g, set);
      Set<Integer> vertices = new HashSet<>();
      Arrays.stream(set).forEach(vertices::add);
      Graph<Integer, Integer> sub = new AsSubgraph<>(JGraphTView.of(g), vertices);
      List<Set<Integer>> sccs =
          new KosarajuStrongConnectivityInspector<>(sub).stronglyConnectedSets();
      Map<Integer, Integer> sccOf = new HashMap<>();
      for (int i = 0; i < sccs.size(); i++) {
        for (int v : sccs.get(i)) {
          sccOf.put(v, i);
        }
      }
      assertEquals(set.length, jobs.jobCount(), "seed " + seed);
      assertEquals(
          sccs.stream().filter(s -> s.size() > 1).count(), jobs.cycleCount(), "seed " + seed);
      int expectedEdges = 0;
      for (int v : set) {
        for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
          int u = g.input(p);
          if (vertices.contains(u) && !sccOf.get(u).equals(sccOf.get(v))) {
            expectedEdges++;
            assertTrue(jobs.precedes(jobs.jobOfNode(u), jobs.jobOfNode(v)), "seed " + seed);
          }
          if (vertices.contains(u) && sccOf.get(u).equals(sccOf.get(v))) {
            assertTrue(jobs.sameCycle(jobs.jobOfNode(u), jobs.jobOfNode(v)));
            assertFalse(jobs.precedes(jobs.jobOfNode(u), jobs.jobOfNode(v)), "seed " + seed);
          }
        }
      }
      int edges = 0;
      for (int j = 0; j < jobs.jobCount(); j++) {
        edges += jobs.inputCount(j);
      }
      assertEquals(expectedEdges, edges, "seed " + seed);
    }
  }

  @Test
  void mixedSystemCycle_membersKeepTheirOwnSystems() {
    PackageGraph g =
        Graphs.graph("a@x86_64-linux->b@aarch64-linux, b@aarch64-linux->a@x86_64-linux");
    JobGraph jobs = JobGraph.all(g);
    assertEquals(2, jobs.jobCount());
    assertEquals(1, jobs.cycleCount());
    assertArrayEquals(new int[] {g.systemIndex(jobs.node(0))}, jobs.systemSet(jobs.systemSetOf(0)));
  }

  @Test
  void orderedByAnotherGraph_usesItsEdges() {
    // Build edges say a needs b; the relation to order by says b needs a.
    PackageGraph g = Graphs.graph("a->b");
    PackageGraph relation = Graphs.graph("b->a, a");
    assertEquals(g.nodeCount(), relation.nodeCount());
    int a = g.indexOfId("a");
    int b = g.indexOfId("b");
    JobGraph jobs = JobGraph.of(g, new int[] {0, 1}, BuildOrder.DEPENDENCIES, remap(relation, g));
    assertTrue(jobs.precedes(jobs.jobOfNode(a), jobs.jobOfNode(b)));
    assertFalse(jobs.precedes(jobs.jobOfNode(b), jobs.jobOfNode(a)));
  }

  /** {@code relation}'s edges over {@code g}'s node indexes (matched by id). */
  private static dev.preflight.graph.CsrGraph remap(PackageGraph relation, PackageGraph g) {
    int n = g.nodeCount();
    List<List<Integer>> inputs = new java.util.ArrayList<>();
    for (int v = 0; v < n; v++) {
      inputs.add(new java.util.ArrayList<>());
    }
    for (int v = 0; v < relation.nodeCount(); v++) {
      for (int p = relation.inputsStart(v); p < relation.inputsEnd(v); p++) {
        inputs.get(g.indexOfId(relation.id(v))).add(g.indexOfId(relation.id(relation.input(p))));
      }
    }
    int[] off = new int[n + 1];
    for (int v = 0; v < n; v++) {
      off[v + 1] = off[v] + inputs.get(v).size();
    }
    int[] in = inputs.stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray();
    return dev.preflight.graph.CsrGraph.fromInputs(off, in);
  }

  @Test
  void unsortedNodes_areRejected() {
    PackageGraph g = Graphs.graph("a, b");
    assertThrows(IllegalArgumentException.class, () -> JobGraph.of(g, new int[] {1, 0}));
    assertThrows(IllegalArgumentException.class, () -> JobGraph.of(g, new int[] {2}));
  }

  @Test
  void defaultOrder_followsTheDistributionAndPolicy() {
    var debian =
        new dev.preflight.graph.GraphMetadata(
            "", 0, 0, List.of(), Map.of("distribution", "debian"));
    var nix = new dev.preflight.graph.GraphMetadata("", 0, 0, List.of(), Map.of("importer", "nix"));
    for (var p : dev.preflight.impact.Policy.values()) {
      assertEquals(
          p.isRound() ? BuildOrder.INDEPENDENT : BuildOrder.DEPENDENCIES,
          BuildOrder.defaultFor(debian, p),
          p.label());
      assertEquals(BuildOrder.DEPENDENCIES, BuildOrder.defaultFor(nix, p), p.label());
    }
    assertEquals(BuildOrder.DEPENDENCIES, BuildOrder.defaultFor(debian, null));
    assertEquals(BuildOrder.LEVELS, BuildOrder.byName(" Levels "));
    assertThrows(dev.preflight.graph.InputException.class, () -> BuildOrder.byName("level"));
  }
}
