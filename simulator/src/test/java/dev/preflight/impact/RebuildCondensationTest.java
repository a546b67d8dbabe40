package dev.preflight.impact;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.testing.Graphs;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class RebuildCondensationTest {
  private static int[] ids(PackageGraph g, String... ids) {
    return Arrays.stream(ids).mapToInt(g::indexOfId).sorted().toArray();
  }

  /** Per job: the summed weight of its members, by node id. */
  private static double[] weights(RebuildCondensation r, PackageGraph g, Map<String, Double> w) {
    double[] out = new double[r.jobCount()];
    for (int i = 0; i < r.size(); i++) {
      out[r.components().componentOf(i)] += w.getOrDefault(g.id(r.node(i)), 0.0);
    }
    return out;
  }

  private static List<String> chainIds(RebuildCondensation r, PackageGraph g, int[] jobs) {
    return Arrays.stream(jobs)
        .mapToObj(j -> g.id(r.node(r.components().members(j)[0])))
        .collect(Collectors.toList());
  }

  @Test
  void longestChain_weightedAndUnweighted_chainOfThreeAgainstOneHeavyJob() {
    PackageGraph g = graph("a->b->c, d");
    RebuildCondensation r = RebuildCondensation.of(g, ids(g, "a", "b", "c", "d"));
    assertEquals(4, r.jobCount());
    Map<String, Double> heavyD = Map.of("a", 1.0, "b", 10.0, "c", 100.0, "d", 1000.0);
    RebuildCondensation.Chain heaviest = r.longestChain(weights(r, g, heavyD));
    assertEquals(1000, heaviest.length());
    assertEquals(List.of("d"), chainIds(r, g, heaviest.jobs()));
    Map<String, Double> lightD = Map.of("a", 1.0, "b", 10.0, "c", 100.0, "d", 5.0);
    RebuildCondensation.Chain critical = r.longestChain(weights(r, g, lightD));
    assertEquals(111, critical.length());
    assertEquals(List.of("c", "b", "a"), chainIds(r, g, critical.jobs()), "inputs first");
    assertEquals(3, r.depth());
  }

  @Test
  void levels_cycleWeighsItsMembers() {
    // a <-> b is one job needing c; d needs a.
    PackageGraph g = graph("a->b, b->a, b->c, d->a");
    RebuildCondensation r = RebuildCondensation.of(g, ids(g, "a", "b", "c", "d"));
    double[] w = weights(r, g, Map.of("a", 2.0, "b", 3.0, "c", 7.0, "d", 11.0));
    int ab = r.components().componentOf(r.positionOf(g.indexOfId("a")));
    assertEquals(12, r.topLevels(w)[ab]); // c then a+b
    assertEquals(16, r.bottomLevels(w)[ab]); // a+b then d
    assertEquals(23, r.longestChain(w).length());
    assertEquals(3, r.depth());
  }

  @Test
  void depth_cycleInTheSetIsOneJob_partOfACycleIsNone() {
    PackageGraph g = graph("a->b->c->a, x->a, c->y");
    assertEquals(3, RebuildCondensation.of(g, ids(g, "a", "b", "c", "x", "y")).depth());
    assertEquals(2, RebuildCondensation.of(g, ids(g, "a", "b")).depth());
  }

  @Test
  void emptySet_hasNoJobsAndAnEmptyChain() {
    PackageGraph g = graph("a->b");
    RebuildCondensation r = RebuildCondensation.of(g, new int[0]);
    assertEquals(0, r.depth());
    assertEquals(0, r.longestChain(new double[0]).length());
    assertEquals(0, r.longestChain(new double[0]).jobs().length);
  }

  @Test
  void badInput_isRejected() {
    PackageGraph g = graph("a->b");
    assertThrows(IllegalArgumentException.class, () -> RebuildCondensation.of(g, new int[] {1, 0}));
    assertThrows(IllegalArgumentException.class, () -> RebuildCondensation.of(g, new int[] {2}));
    RebuildCondensation r = RebuildCondensation.of(g, new int[] {0, 1});
    assertThrows(IllegalArgumentException.class, () -> r.longestChain(new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> r.topLevels(new double[] {1, -1}));
    assertThrows(
        IllegalArgumentException.class, () -> r.bottomLevels(new double[] {1, Double.NaN}));
  }

  /**
   * Seeded random graphs with cycles, sets both sparse (searched) and dense (mapped): jobs, top and
   * bottom levels, the heaviest chain and the depth against a brute-force oracle (mutual
   * reachability for the components, every path of the condensation enumerated).
   */
  @Test
  void randomCyclicGraphs_matchBruteForce() {
    SplittableRandom r = new SplittableRandom(2026);
    int sparse = 0;
    int dense = 0;
    for (int c = 0; c < 300; c++) {
      int n = 1 + r.nextInt(r.nextBoolean() ? 12 : 200);
      PackageGraph g = Graphs.random(n, r.nextDouble() * 3, true, r.nextLong());
      int[] set = randomSet(g, 1 + r.nextInt(Math.min(n, 12)), r);
      if ((long) set.length * 16 >= n) {
        dense++;
      } else {
        sparse++;
      }
      Oracle o = new Oracle(g, set);
      RebuildCondensation rc = RebuildCondensation.of(g, set);
      String where = "case " + c + " n=" + n + " set=" + Arrays.toString(set);

      // Jobs: the oracle's components, numbered inputs first.
      assertEquals(o.componentCount, rc.jobCount(), where);
      int[] job = new int[set.length];
      for (int i = 0; i < set.length; i++) {
        job[i] = rc.components().componentOf(i);
        assertEquals(set[i], rc.node(i), where);
        assertEquals(i, rc.positionOf(set[i]), where);
      }
      for (int i = 0; i < set.length; i++) {
        for (int k = 0; k < set.length; k++) {
          assertEquals(o.component[i] == o.component[k], job[i] == job[k], where);
          if (o.edge[i][k] && job[i] != job[k]) {
            assertTrue(job[k] < job[i], where + ": inputs first");
          }
        }
      }

      // Weights: integers (sums are exact), a job weighs the sum of its members.
      double[] nodeWeight = new double[set.length];
      double[] w = new double[rc.jobCount()];
      for (int i = 0; i < set.length; i++) {
        nodeWeight[i] = r.nextInt(5) == 0 ? 0 : r.nextInt(1, 100);
        w[job[i]] += nodeWeight[i];
      }
      double[] top = rc.topLevels(w);
      double[] bottom = rc.bottomLevels(w);
      for (int i = 0; i < set.length; i++) {
        assertEquals(o.heaviestEndingAt(o.component[i], nodeWeight), top[job[i]], where);
        assertEquals(o.heaviestStartingAt(o.component[i], nodeWeight), bottom[job[i]], where);
      }
      RebuildCondensation.Chain chain = rc.longestChain(w);
      assertEquals(o.heaviest(nodeWeight), chain.length(), where);
      assertValidChain(rc, chain, w, where);

      assertEquals(o.longestCountingComponents(), rc.depth(), where);
      assertEquals(o.longestCountingComponents(), RebuildDepth.of(g, setOf(g, set)), where);
    }
    assertTrue(sparse > 30 && dense > 30, "both membership paths: " + sparse + "/" + dense);
  }

  private static RebuildSet setOf(PackageGraph g, int[] nodes) {
    return new ReverseClosure(g).closure(nodes, Policy.LOCAL);
  }

  private static void assertValidChain(
      RebuildCondensation rc, RebuildCondensation.Chain chain, double[] w, String where) {
    int[] jobs = chain.jobs();
    double sum = 0;
    for (int i = 0; i < jobs.length; i++) {
      sum += w[jobs[i]];
      if (i > 0) {
        boolean joined = false;
        for (int p = rc.components().inputsStart(jobs[i]);
            p < rc.components().inputsEnd(jobs[i]);
            p++) {
          joined |= rc.components().input(p) == jobs[i - 1];
        }
        assertTrue(joined, where + ": chain step " + jobs[i - 1] + " -> " + jobs[i]);
      }
    }
    assertEquals(chain.length(), sum, where);
  }

  /** A connected-ish set (a walk over both edge directions) or a uniform one, ascending. */
  private static int[] randomSet(PackageGraph g, int k, SplittableRandom r) {
    TreeSet<Integer> set = new TreeSet<>();
    if (r.nextBoolean()) {
      while (set.size() < k) {
        set.add(r.nextInt(g.nodeCount()));
      }
    } else {
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      while (set.size() < k) {
        if (queue.isEmpty()) {
          int s = r.nextInt(g.nodeCount());
          set.add(s);
          queue.add(s);
          continue;
        }
        int v = queue.poll();
        for (int p = g.inputsStart(v); p < g.inputsEnd(v) && set.size() < k; p++) {
          if (set.add(g.input(p))) {
            queue.add(g.input(p));
          }
        }
        for (int p = g.dependentsStart(v); p < g.dependentsEnd(v) && set.size() < k; p++) {
          if (set.add(g.dependent(p))) {
            queue.add(g.dependent(p));
          }
        }
      }
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Brute force over the induced subgraph of a small set (positions 0..k-1). */
  private static final class Oracle {
    final int k;
    final boolean[][] edge; // edge[i][j]: i needs j
    final int[] component;
    final int componentCount;
    final boolean[][] componentEdge; // c needs d

    Oracle(PackageGraph g, int[] set) {
      k = set.length;
      edge = new boolean[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          for (int p = g.inputsStart(set[i]); p < g.inputsEnd(set[i]); p++) {
            edge[i][j] |= g.input(p) == set[j];
          }
        }
      }
      boolean[][] reach = new boolean[k][k];
      for (int i = 0; i < k; i++) {
        reach[i] = edge[i].clone();
        reach[i][i] = true;
      }
      for (int m = 0; m < k; m++) {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            reach[i][j] |= reach[i][m] && reach[m][j];
          }
        }
      }
      component = new int[k];
      Arrays.fill(component, -1);
      int count = 0;
      for (int i = 0; i < k; i++) {
        if (component[i] < 0) {
          for (int j = i; j < k; j++) {
            if (reach[i][j] && reach[j][i]) {
              component[j] = count;
            }
          }
          count++;
        }
      }
      componentCount = count;
      componentEdge = new boolean[count][count];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          if (edge[i][j] && component[i] != component[j]) {
            componentEdge[component[i]][component[j]] = true;
          }
        }
      }
    }

    double[] componentWeights(double[] nodeWeight) {
      double[] w = new double[componentCount];
      for (int i = 0; i < k; i++) {
        w[component[i]] += nodeWeight[i];
      }
      return w;
    }

    /**
     * The heaviest path of components starting at {@code c}, following inputs (towards what {@code
     * c} needs) or dependents; every path is walked.
     */
    private double walk(int c, double[] w, boolean towardsInputs) {
      double best = 0;
      for (int d = 0; d < componentCount; d++) {
        if (towardsInputs ? componentEdge[c][d] : componentEdge[d][c]) {
          best = Math.max(best, walk(d, w, towardsInputs));
        }
      }
      return w[c] + best;
    }

    double heaviestEndingAt(int c, double[] nodeWeight) {
      return walk(c, componentWeights(nodeWeight), true);
    }

    double heaviestStartingAt(int c, double[] nodeWeight) {
      return walk(c, componentWeights(nodeWeight), false);
    }

    double heaviest(double[] nodeWeight) {
      double[] w = componentWeights(nodeWeight);
      double best = 0;
      for (int c = 0; c < componentCount; c++) {
        best = Math.max(best, walk(c, w, true));
      }
      return best;
    }

    int longestCountingComponents() {
      double[] w = new double[componentCount];
      Arrays.fill(w, 1);
      double best = 0;
      for (int c = 0; c < componentCount; c++) {
        best = Math.max(best, walk(c, w, true));
      }
      return (int) best;
    }
  }
}
