package dev.preflight.impact;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.testing.Graphs;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class CutoffSimulationTest {
  private static ExecutorService executor;

  @BeforeAll
  static void start() {
    executor = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stop() {
    executor.shutdownNow();
  }

  @Test
  void cutoff_neverUnchanged_isTransitive() {
    PackageGraph g = Graphs.random(400, 2.0, true, 8);
    int[] seeds = {3, 50};
    int transitive = new ReverseClosure(g).closure(seeds, Policy.TRANSITIVE).size();
    for (int s : new CutoffSimulation(g, 0.0).trials(seeds, 50, 1, executor, 3)) {
      assertEquals(transitive, s);
    }
  }

  @Test
  void cutoff_alwaysUnchanged_isDirect() {
    PackageGraph g = Graphs.random(400, 2.0, true, 8);
    int[] seeds = {3, 50};
    int direct = new ReverseClosure(g).closure(seeds, Policy.DIRECT).size();
    for (int s : new CutoffSimulation(g, 1.0).trials(seeds, 50, 1, executor, 3)) {
      assertEquals(direct, s);
    }
  }

  @Test
  void cutoff_chain_expectedSizeMatchesTheModel() {
    // s <- a <- b <- c: s always propagates; a rebuilds, changes with 1/2; b then; c then.
    PackageGraph g = graph("a->s, b->a, c->b");
    CutoffStats stats =
        new CutoffSimulation(g, 0.5).simulate(new int[] {g.indexOfId("s")}, 40_000, 7, executor, 3);
    assertEquals(2.75, stats.expected(), 0.02);
    assertEquals(2, stats.min());
    assertEquals(4, stats.max());
    assertEquals(2, stats.p10());
    assertEquals(4, stats.p90());
  }

  @Test
  void cutoff_nodeOverride_beatsTheDefault() {
    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(NodeRecord.of("s", "s", "x86_64-linux"));
    b.addNode(NodeRecord.of("a", "a", "x86_64-linux").withUnchangedProbability(1.0));
    b.addNode(NodeRecord.of("b", "b", "x86_64-linux"));
    b.addEdge(1, 0);
    b.addEdge(2, 1);
    PackageGraph g = b.build();
    CutoffSimulation sim = new CutoffSimulation(g, 0.0);
    assertArrayEquals(new int[] {2, 2, 2}, sim.trials(new int[] {0}, 3, 1, null, 1));
    assertArrayEquals(new int[] {0, 1}, sim.possible(new int[] {0}).nodes());
  }

  @Test
  void cutoff_sameSeed_sameAnswerWhateverTheThreadCount() {
    PackageGraph g = ProfileEngineContract.withLargeCycle(3_000, 300, 4);
    CutoffSimulation sim = new CutoffSimulation(g, 0.9);
    int[] seeds = {3_005, 17};
    int[] one = sim.trials(seeds, 200, 42, null, 1);
    assertArrayEquals(one, sim.trials(seeds, 200, 42, executor, 2));
    assertArrayEquals(one, sim.trials(seeds, 200, 42, executor, 7));
    int[] other = sim.trials(seeds, 200, 43, executor, 3);
    assertTrue(!java.util.Arrays.equals(one, other), "a different seed gives different trials");
  }

  @Test
  void cutoff_trialsLieBetweenDirectAndTransitive() {
    PackageGraph g = Graphs.random(2_000, 2.5, true, 31);
    int[] seeds = {5, 900};
    CutoffStats s = new CutoffSimulation(g, 0.7).simulate(seeds, 300, 1, executor, 3);
    ReverseClosure bfs = new ReverseClosure(g);
    assertTrue(s.min() >= bfs.closure(seeds, Policy.DIRECT).size());
    assertTrue(s.max() <= bfs.closure(seeds, Policy.TRANSITIVE).size());
  }

  @Test
  void summarise_nearestRankPercentiles() {
    CutoffStats s = CutoffSimulation.summarise(new int[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 5);
    assertEquals(1, s.p10());
    assertEquals(5, s.p50());
    assertEquals(9, s.p90());
    assertEquals(5.5, s.expected());
    assertEquals(10, s.samples());
    assertEquals(5, s.seed());
  }
}
