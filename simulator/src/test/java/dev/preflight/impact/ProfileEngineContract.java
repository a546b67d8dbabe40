package dev.preflight.impact;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import dev.preflight.graph.testing.ForwardCopy;
import dev.preflight.graph.testing.Graphs;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ProfileEngine} must meet, run once per implementation: equal to JGraphT
 * per node on hand-made and seeded random graphs with cycles, and equal to the single-change answer
 * of the closure engine on every node of a mid-size graph with one large cycle.
 */
abstract class ProfileEngineContract {
  static ExecutorService executor;

  @BeforeAll
  static void start() {
    executor = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stop() {
    executor.shutdownNow();
  }

  abstract ProfileEngine engine();

  /** Tasks the engine splits into. */
  int parallelism() {
    return 3;
  }

  private ImpactProfile run(DependencyGraph g) {
    return engine().profile(g, executor, parallelism(), Progress.NONE);
  }

  @Test
  void profile_diamond_countsEachDependentOnce() {
    PackageGraph g = graph("a->b->d, a->c->d");
    ImpactProfile p = run(g);
    assertEquals(4, p.rebuildCount(g.indexOfId("d")));
    assertEquals(2, p.directDependents(g.indexOfId("d")));
    assertEquals(2, p.rebuildCount(g.indexOfId("b")));
    assertEquals(1, p.rebuildCount(g.indexOfId("a")));
    assertEquals(0, p.directDependents(g.indexOfId("a")));
  }

  @Test
  void profile_cycle_givesEveryMemberTheWholeComponent() {
    PackageGraph g = graph("a->b->c->a, x->a, c->y, z");
    ImpactProfile p = run(g);
    for (String m : new String[] {"a", "b", "c"}) {
      assertEquals(4, p.rebuildCount(g.indexOfId(m)), m);
    }
    assertEquals(5, p.rebuildCount(g.indexOfId("y")));
    assertEquals(1, p.rebuildCount(g.indexOfId("x")));
    assertEquals(1, p.rebuildCount(g.indexOfId("z")));
  }

  @Test
  void profile_emptyAndSingleNodeGraphs() {
    assertEquals(0, run(PackageGraph.builder().build()).size());
    assertEquals(1, run(graph("a")).rebuildCount(0));
  }

  @Test
  void profile_reportsProgressToTheEnd() {
    AtomicLong total = new AtomicLong();
    AtomicLong done = new AtomicLong();
    Progress p =
        new Progress() {
          @Override
          public void start(String task, long t) {
            total.set(t);
          }

          @Override
          public void advance(long delta) {
            done.addAndGet(delta);
          }

          @Override
          public void done() {}
        };
    engine().profile(Graphs.random(3_000, 2.0, true, 5), executor, parallelism(), p);
    assertEquals(total.get(), done.get());
  }

  @Test
  void profile_randomCyclicGraphs_matchJGraphT() {
    SplittableRandom r = new SplittableRandom(424242);
    for (int c = 0; c < 200; c++) {
      int n = 1 + r.nextInt(150);
      PackageGraph g = Graphs.random(n, r.nextDouble() * 3.5, r.nextInt(4) != 0, r.nextLong());
      assertEquals(ProfileOracle.profile(g), run(g), "case " + c + " " + g);
    }
  }

  @Test
  void profile_midSizeGraphWithLargeCycle_equalsSingleChangeAnswers() {
    PackageGraph g = withLargeCycle(4_000, 600, 99);
    ImpactProfile p = run(g);
    ReverseClosure bfs = new ReverseClosure(g);
    // The direct count is checked against the oracle's forward copy, not the reverse index.
    var copy = ForwardCopy.of(g);
    for (int v = 0; v < g.nodeCount(); v++) {
      RebuildSet single = bfs.closure(new int[] {v}, Policy.TRANSITIVE);
      assertEquals(single.size(), p.rebuildCount(v), "node " + v);
      assertEquals(copy.inDegreeOf(v), p.directDependents(v), "node " + v);
    }
  }

  /**
   * A DAG of {@code n} nodes plus a cycle through the first {@code cycle} of them that almost every
   * other node needs, like Debian's debhelper/toolchain component.
   */
  static PackageGraph withLargeCycle(int n, int cycle, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PackageGraphBuilder b = PackageGraph.builder();
    for (int v = 0; v < n; v++) {
      b.addNode(NodeRecord.of("n" + v, "n" + v, v % 2 == 0 ? "x86_64-linux" : "aarch64-darwin"));
    }
    for (int v = 1; v < cycle; v++) {
      b.addEdge(v, v - 1);
    }
    b.addEdge(0, cycle - 1);
    for (int v = cycle; v < n; v++) {
      b.addEdge(v, r.nextInt(cycle));
      int extra = v > cycle ? r.nextInt(4) : 0;
      for (int e = 0; e < extra; e++) {
        b.addEdge(v, cycle + r.nextInt(v - cycle));
      }
    }
    // Nodes below the cycle: the cycle needs them, so they reach everything above it.
    int below = Math.min(20, n - cycle);
    for (int i = 0; i < below; i++) {
      b.addNode(NodeRecord.of("low" + i, "low" + i, "x86_64-linux"));
      b.addEdge(r.nextInt(cycle), n + i);
      if (i > 0) {
        b.addEdge(n + i - 1, n + i);
      }
    }
    return b.build();
  }
}
