package dev.preflight.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.JGraphTView;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.testing.Graphs;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.AsSubgraph;
import org.junit.jupiter.api.Test;

final class JobGraphTest {
  @Test
  void cycleInsideTheSet_isOneJob_numberedAfterItsInputs() {
    // a <-> b is a cycle needing c; d needs a.
    PackageGraph g = Graphs.graph("a->b, b->a, b->c, d->a");
    JobGraph jobs = JobGraph.all(g);
    assertEquals(3, jobs.jobCount());
    assertEquals(1, jobs.cyclicJobCount());
    int ab = jobs.jobOfNode(0);
    assertEquals(ab, jobs.jobOfNode(1));
    assertTrue(jobs.jobOfNode(2) < ab, "inputs first");
    assertTrue(jobs.jobOfNode(3) > ab);
    assertArrayEquals(new int[] {0, 1}, jobs.members(ab));
    assertEquals("a (+1 in a cycle)", jobs.label(ab));
    assertEquals(0, jobs.queuePosition(ab));
  }

  @Test
  void partOfAWholeGraphCycle_isNotMergedWhenItIsNoCycleInTheSet() {
    // a -> b -> c -> a is a cycle of the graph; without c, a and b are two jobs.
    PackageGraph g = Graphs.graph("a->b->c->a");
    JobGraph jobs = JobGraph.of(g, new int[] {0, 1});
    assertEquals(2, jobs.jobCount());
    assertEquals(0, jobs.cyclicJobCount());
    assertTrue(jobs.jobOfNode(1) < jobs.jobOfNode(0));
    assertEquals(-1, jobs.jobOfNode(2));
  }

  @Test
  void jobs_matchJGraphTsStrongComponentsOfTheInducedSubgraph() {
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
      assertEquals(sccs.size(), jobs.jobCount(), "seed " + seed);
      for (Set<Integer> scc : sccs) {
        int job = jobs.jobOfNode(scc.iterator().next());
        assertEquals(scc.size(), jobs.memberCount(job));
        for (int v : scc) {
          assertEquals(job, jobs.jobOfNode(v));
        }
      }
    }
  }

  @Test
  void mixedSystemCycle_getsACompositeSystemSet() {
    PackageGraph g =
        Graphs.graph("a@x86_64-linux->b@aarch64-linux, b@aarch64-linux->a@x86_64-linux");
    JobGraph jobs = JobGraph.all(g);
    assertEquals(1, jobs.jobCount());
    int set = jobs.systemSetOf(0);
    assertEquals(2, jobs.systemSet(set).length);
  }

  @Test
  void unsortedNodes_areRejected() {
    PackageGraph g = Graphs.graph("a, b");
    assertThrows(IllegalArgumentException.class, () -> JobGraph.of(g, new int[] {1, 0}));
    assertThrows(IllegalArgumentException.class, () -> JobGraph.of(g, new int[] {2}));
  }
}
