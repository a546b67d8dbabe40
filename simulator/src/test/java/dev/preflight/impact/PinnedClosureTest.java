package dev.preflight.impact;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.cost.JobGraph;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.testing.Graphs;
import dev.preflight.settings.Settings;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins ({@code --pin}, DESIGN.md §5) through the engines: every closure engine on a pinned view
 * ({@link PackageGraph#withPins}) against a brute-force BFS on a JGraphT copy of the
 * <em>original</em> graph with the edges into the pinned nodes removed; and the hand-made cases
 * that state the semantics.
 */
final class PinnedClosureTest {
  private static ExecutorService executor;

  @BeforeAll
  static void start() {
    executor = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() {
    executor.shutdownNow();
  }

  private static int[] ids(PackageGraph g, String... ids) {
    return Arrays.stream(ids).mapToInt(g::indexOfId).sorted().toArray();
  }

  private static RebuildSet closure(PackageGraph g, Policy p, String... changed) {
    return new ReverseClosure(g).closure(ids(g, changed), p);
  }

  /** The graph of {@code spec} pinned at {@code pins} (ids). */
  private static PackageGraph pinned(String spec, String... pins) {
    PackageGraph g = graph(spec);
    return g.withPins(ids(g, pins));
  }

  /**
   * The oracle: a JGraphT copy of {@code g} without the edges into {@code pinned}, then one BFS
   * along reversed edges per seed (transitive), the seeds' in-neighbours (direct) or the seeds
   * alone (local); distance is the minimum over seeds.
   */
  static RebuildSet oracle(PackageGraph g, boolean[] pinned, int[] seeds, Policy policy) {
    Graph<Integer, DefaultEdge> copy = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (int v = 0; v < g.nodeCount(); v++) {
      copy.addVertex(v);
    }
    for (int v = 0; v < g.nodeCount(); v++) {
      for (int t : g.inputsOf(v)) {
        if (!pinned[t]) {
          copy.addEdge(v, t);
        }
      }
    }
    Map<Integer, Integer> dist = new TreeMap<>();
    for (int s : seeds) {
      dist.put(s, 0);
    }
    for (int s : seeds) {
      if (policy == Policy.DIRECT) {
        for (DefaultEdge e : copy.incomingEdgesOf(s)) {
          dist.merge(copy.getEdgeSource(e), 1, Math::min);
        }
      } else if (policy == Policy.TRANSITIVE) {
        Map<Integer, Integer> seen = new TreeMap<>(Map.of(s, 0));
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(s));
        while (!queue.isEmpty()) {
          int v = queue.poll();
          for (DefaultEdge e : copy.incomingEdgesOf(v)) {
            int a = copy.getEdgeSource(e);
            if (seen.putIfAbsent(a, seen.get(v) + 1) == null) {
              queue.add(a);
            }
          }
        }
        seen.forEach((v, d) -> dist.merge(v, d, Math::min));
      }
    }
    return RebuildSet.of(
        g.nodeCount(),
        dist.keySet().stream().mapToInt(Integer::intValue).toArray(),
        dist.values().stream().mapToInt(Integer::intValue).toArray());
  }

  @ParameterizedTest
  @EnumSource(ClosureEngines.class)
  void pins_randomCyclicGraphs_matchBfsWithoutTheEdgesIntoPins(ClosureEngines engine) {
    SplittableRandom r = new SplittableRandom(20260214L);
    for (int c = 0; c < 300; c++) {
      int n = 1 + r.nextInt(80);
      PackageGraph g = Graphs.random(n, r.nextDouble() * 3.0, r.nextInt(4) != 0, r.nextLong());
      boolean[] pinned = new boolean[n];
      int[] pins = new int[r.nextInt(Math.min(n, 8) + 1)];
      for (int i = 0; i < pins.length; i++) {
        pins[i] = r.nextInt(n);
        pinned[pins[i]] = true;
      }
      int[] seeds = new int[r.nextInt(Math.min(n, 5) + 1)];
      for (int i = 0; i < seeds.length; i++) {
        // Now and then a pinned node is itself changed.
        seeds[i] =
            pins.length > 0 && r.nextInt(4) == 0 ? pins[r.nextInt(pins.length)] : r.nextInt(n);
      }
      PackageGraph cut = g.withPins(pins);
      ClosureEngine e = engine.create(cut, executor, 2);
      for (Policy p : new Policy[] {Policy.TRANSITIVE, Policy.DIRECT, Policy.LOCAL}) {
        assertEquals(
            oracle(g, pinned, seeds, p),
            e.closure(seeds, p),
            "case "
                + c
                + ": "
                + p
                + " from "
                + Arrays.toString(seeds)
                + " pins "
                + Arrays.toString(pins)
                + " on "
                + g);
      }
    }
  }

  @Test
  void pin_onTheWay_rebuildsButDoesNotPropagate() {
    // openssl needs perl needs zlib; curl needs openssl.
    PackageGraph g = pinned("curl->openssl->perl->zlib", "perl");
    assertArrayEquals(ids(g, "perl", "zlib"), closure(g, Policy.TRANSITIVE, "zlib").nodes());
    assertArrayEquals(ids(g, "perl", "zlib"), closure(g, Policy.DIRECT, "zlib").nodes());
  }

  @Test
  void pin_changedNodeItself_rebuildsAloneUnderEveryPolicy() {
    // The edges into a pinned node are gone, so even its direct dependents are not triggered.
    PackageGraph g = pinned("curl->openssl->zlib, perl->zlib", "zlib");
    for (Policy p : new Policy[] {Policy.TRANSITIVE, Policy.DIRECT, Policy.LOCAL}) {
      assertArrayEquals(ids(g, "zlib"), closure(g, p, "zlib").nodes(), p.toString());
    }
  }

  @Test
  void pin_otherPathsStillPropagate_atTheirOwnDistance() {
    // app needs lib directly and through the pinned gen: it rebuilds through the direct edge.
    PackageGraph g = pinned("app->gen->lib, app->lib, top->gen", "gen");
    RebuildSet r = closure(g, Policy.TRANSITIVE, "lib");
    assertArrayEquals(ids(g, "app", "gen", "lib"), r.nodes());
    assertEquals(1, r.distance(g.indexOfId("app")));
    assertEquals(1, r.distance(g.indexOfId("gen")));
  }

  @Test
  void pin_cycleMember_breaksTheCycle() {
    // a -> b -> c -> a is one cycle; x needs a. Unpinned, a change to b rebuilds all four.
    PackageGraph whole = graph("a->b->c->a, x->a");
    assertEquals(4, closure(whole, Policy.TRANSITIVE, "b").size());
    PackageGraph g = whole.withPins(whole.indexOfId("a"));
    assertEquals(0, g.components().nonTrivialCount());
    // b's dependent a is pinned: it rebuilds, c and x (its dependents) do not.
    assertArrayEquals(ids(g, "a", "b"), closure(g, Policy.TRANSITIVE, "b").nodes());
    // c's dependent b, b's dependent a: the chain stops at a.
    assertArrayEquals(ids(g, "a", "b", "c"), closure(g, Policy.TRANSITIVE, "c").nodes());
    // The cycle is gone: c, b, a build in order.
    JobGraph jobs = JobGraph.of(g, closure(g, Policy.TRANSITIVE, "c").nodes());
    assertEquals(3, jobs.jobCount());
    assertEquals(0, jobs.cycleCount());
    assertEquals(
        1, JobGraph.of(whole, closure(whole, Policy.TRANSITIVE, "c").nodes()).cycleCount());
  }

  @Test
  void pin_edgesIntoThePin_doNotOrderBuilds() {
    // app needs lib and gen; gen (pinned) needs lib. app builds against the old gen, so it waits
    // for lib only, not for gen.
    PackageGraph g = pinned("app->gen->lib, app->lib", "gen");
    JobGraph jobs = JobGraph.of(g, closure(g, Policy.TRANSITIVE, "lib").nodes());
    int app = jobs.jobOfNode(g.indexOfId("app"));
    int lib = jobs.jobOfNode(g.indexOfId("lib"));
    assertEquals(1, jobs.inputCount(app));
    assertEquals(lib, jobs.input(jobs.inputsStart(app)));
  }

  @Test
  void pin_impactReport_namesThePins_andDepthIsThatOfTheCut() {
    PackageGraph whole = graph("curl->openssl->perl->zlib, git->zlib");
    ImpactAnalysis unpinned = new ImpactAnalysis(whole, Settings.defaults().impact(), null, 1);
    Changes zlib = new ChangeResolver(whole).resolve(List.of("zlib"));
    ImpactReport before = unpinned.analyze(zlib, Policy.TRANSITIVE);
    assertEquals(List.of(), before.pins());
    assertEquals(4, before.depth());
    PackageGraph g = whole.withPins(whole.indexOfId("perl"));
    ImpactReport r =
        new ImpactAnalysis(g, Settings.defaults().impact(), null, 1)
            .analyze(zlib, Policy.TRANSITIVE);
    assertEquals(List.of("perl"), r.pins());
    assertEquals(
        List.of("git.x86_64-linux", "perl.x86_64-linux", "zlib.x86_64-linux"), r.rebuilds());
    assertEquals(2, r.depth());
    // cutoff runs on the same view: nothing beyond the pin can ever rebuild.
    ImpactReport cutoff =
        new ImpactAnalysis(g, Settings.defaults().impact(), null, 1)
            .analyze(zlib, Policy.CUTOFF, 200, 1);
    assertTrue(cutoff.cutoff().max() <= 3, cutoff.toString());
  }

  @Test
  void pin_profile_isThatOfTheCutGraph() {
    PackageGraph g = pinned("curl->openssl->perl->zlib", "perl");
    ImpactProfile p =
        new ImpactAnalysis(g, Settings.defaults().impact(), null, 1)
            .profile(ProfileEngines.BITSET, dev.preflight.graph.Progress.NONE);
    assertEquals(2, p.rebuildCount(g.indexOfId("zlib")));
    assertEquals(1, p.rebuildCount(g.indexOfId("perl")));
    assertEquals(2, p.rebuildCount(g.indexOfId("openssl")));
  }
}
