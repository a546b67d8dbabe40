package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.testing.Graphs;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The profile contract for the bitset engine, with one block and with many tiny blocks. */
final class CondensationProfileTest extends ProfileEngineContract {
  @Override
  ProfileEngine engine() {
    return new CondensationProfile();
  }

  @Test
  void profile_blockSizeAndTaskCount_doNotChangeTheAnswer() {
    PackageGraph g = withLargeCycle(3_000, 500, 3);
    ImpactProfile expected = new BfsProfile().profile(g, executor, 1, Progress.NONE);
    for (long budget : new long[] {8, 64, 1_000, 100_000, 1L << 30}) {
      for (int tasks : new int[] {1, 2, 3, 8}) {
        assertEquals(
            expected,
            new CondensationProfile(budget).profile(g, executor, tasks, Progress.NONE),
            "budget " + budget + ", tasks " + tasks);
      }
    }
  }

  /**
   * A nixpkgs-like generated graph (hubs such as stdenv under everything, applications as leaves)
   * with budgets from one word, where every block splits down to single words, to the default: the
   * answer is the per-node BFS's.
   */
  @Test
  void profile_generatedGraph_splitBlocksEqualBfs() {
    PackageGraph g =
        dev.preflight.graph.generate.NixpkgsGenerator.generate(
            dev.preflight.graph.generate.GeneratorSpec.of(6_000, 3), Progress.NONE);
    ImpactProfile expected = new BfsProfile().profile(g, executor, 2, Progress.NONE);
    for (long budget : new long[] {8, 4_096, 65_536, CondensationProfile.DEFAULT_BUDGET_BYTES}) {
      assertEquals(
          expected,
          new CondensationProfile(budget).profile(g, executor, 2, Progress.NONE),
          "budget " + budget);
    }
  }

  @Test
  void profile_rowsAreSortedMostDangerousFirst() {
    PackageGraph g = Graphs.graph("a->b->d, a->c->d, e");
    ImpactProfile p = new CondensationProfile().profile(g, executor, 1, Progress.NONE);
    var rows = p.rows(g, 3);
    assertEquals("d", rows.get(0).name());
    assertEquals(4, rows.get(0).rebuildCount());
    assertEquals("b", rows.get(1).name());
    assertEquals("c", rows.get(2).name());
    assertEquals(5, p.rows(g).size());
    assertEquals(5, p.rows(g, 99).size());
    // --top 0 means no rows (as risk --top 0), not "all" as it did once.
    assertEquals(0, p.rows(g, 0).size());
  }

  /** One word per row: every block boundary case is exercised. */
  @Nested
  final class OneWordBlocks extends ProfileEngineContract {
    @Override
    ProfileEngine engine() {
      return new CondensationProfile(8);
    }
  }
}
