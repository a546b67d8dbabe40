package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the bundled Debian graph ({@code fixtures/debian-bookworm-amd64.arrow}, 34,288 sources with a
 * ~4,900-source build-dependency cycle) the whole-graph impact profile agrees with the
 * single-change engine (issue 4): a node's profile {@code rebuildCount} is the size of its
 * transitive closure and its direct-dependents count is the size of its direct closure minus
 * itself.
 */
final class DebianGraphConsistencyTest {
  private static final Path GRAPH =
      Path.of(
          System.getProperty("preflight.repo", "../"), "fixtures", "debian-bookworm-amd64.arrow");
  private static final int SAMPLE = 2_000;
  private static final int TOP = 50;

  private static PackageGraph graph;
  private static ImpactProfile profile;
  private static ExecutorService executor;

  @BeforeAll
  static void load() {
    assertTrue(Files.isRegularFile(GRAPH), GRAPH + " is missing");
    graph = GraphFormat.load(GRAPH, null, Progress.NONE);
    executor = Executors.newFixedThreadPool(2);
    profile = new CondensationProfile().profile(graph, executor, 2, Progress.NONE);
  }

  @AfterAll
  static void stop() {
    executor.shutdownNow();
  }

  @Test
  void profile_rebuildCount_equalsTransitiveClosureSize_onSampleAndTopNodes() {
    ReverseClosure engine = new ReverseClosure(graph);
    int[] nodes = sampleAndTop();
    for (int v : nodes) {
      assertEquals(
          profile.rebuildCount(v),
          engine.closure(new int[] {v}, Policy.TRANSITIVE).size(),
          () -> "rebuildCount of " + graph.id(v));
    }
    // The biggest closures cover nearly the whole graph (DESIGN.md §5: ~34,271 of 34,288).
    assertTrue(profile.rebuildCount(nodes[nodes.length - 1]) > 34_000);
  }

  @Test
  void profile_directDependents_equalsDirectClosureSizeMinusOne_forEveryNode() {
    ReverseClosure engine = new ReverseClosure(graph);
    for (int v = 0; v < graph.nodeCount(); v++) {
      int node = v;
      assertEquals(
          profile.directDependents(v),
          engine.closure(new int[] {v}, Policy.DIRECT).size() - 1,
          () -> "directDependents of " + graph.id(node));
    }
  }

  @Test
  void closure_zlib_rebuildsAlmostEverythingAtExactDistances() {
    int zlib = graph.nodesNamed("zlib")[0];
    RebuildSet transitive = new ReverseClosure(graph).closure(new int[] {zlib}, Policy.TRANSITIVE);
    assertEquals(profile.rebuildCount(zlib), transitive.size());
    // The parallel engine computes its distances level by level, eagerly: the deferred distances of
    // the sequential engine must agree with it member for member.
    RebuildSet parallel =
        new ParallelClosure(graph, executor, 2).closure(new int[] {zlib}, Policy.TRANSITIVE);
    assertArrayEquals(parallel.nodes(), transitive.nodes());
    assertArrayEquals(parallel.distances(), transitive.distances());
    assertEquals(0, transitive.distance(zlib));
    for (int w : graph.dependentsOf(zlib)) {
      assertEquals(1, transitive.distance(w), graph.id(w));
    }
  }

  /** A seeded sample of {@link #SAMPLE} nodes plus the {@link #TOP} largest profile counts last. */
  private static int[] sampleAndTop() {
    SplittableRandom r = new SplittableRandom(20261122L);
    int n = graph.nodeCount();
    Integer[] byCount = new Integer[n];
    Arrays.setAll(byCount, i -> i);
    Arrays.sort(
        byCount, (a, b) -> Integer.compare(profile.rebuildCount(a), profile.rebuildCount(b)));
    int[] out = new int[SAMPLE + TOP];
    for (int i = 0; i < SAMPLE; i++) {
      out[i] = r.nextInt(n);
    }
    for (int i = 0; i < TOP; i++) {
      out[SAMPLE + i] = byCount[n - TOP + i];
    }
    return out;
  }
}
