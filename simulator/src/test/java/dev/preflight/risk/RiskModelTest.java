package dev.preflight.risk;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.scc.Components;
import dev.preflight.graph.testing.Graphs;
import dev.preflight.history.History;
import dev.preflight.impact.Policy;
import dev.preflight.settings.RiskSettings;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class RiskModelTest {
  private static final RiskSettings S = Fixtures.settings("");

  /**
   * Exact failure probabilities by enumerating every pattern of own failures (an independent
   * oracle: a fixpoint over the rebuilt edges between different strongly connected components).
   */
  private static double[] exact(PackageGraph g, RebuildScope scope, double[] own) {
    int n = scope.size();
    Components comps = g.components();
    double[] out = new double[n];
    for (int mask = 0; mask < (1 << n); mask++) {
      double pr = 1;
      boolean[] failed = new boolean[n];
      for (int i = 0; i < n; i++) {
        boolean f = (mask & (1 << i)) != 0;
        pr *= f ? own[i] : 1 - own[i];
        failed[i] = f;
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int i = 0; i < n; i++) {
          if (failed[i]) {
            continue;
          }
          int v = scope.nodes()[i];
          for (int j = 0; j < n && !failed[i]; j++) {
            int u = scope.nodes()[j];
            boolean input = Arrays.stream(g.inputsOf(v)).anyMatch(x -> x == u);
            boolean sameCycle = comps.componentOf(u) == comps.componentOf(v);
            if (failed[j] && input && !sameCycle) {
              failed[i] = true;
              changed = true;
            }
          }
        }
      }
      for (int i = 0; i < n; i++) {
        out[i] += failed[i] ? pr : 0;
      }
    }
    return out;
  }

  @Test
  void propagation_matchesExactEnumeration_onSeededRandomGraphsWithCycles() {
    for (long seed = 1; seed <= 12; seed++) {
      PackageGraph g = Graphs.random(9, 1.6, seed % 2 == 0, seed);
      SplittableRandom r = new SplittableRandom(seed);
      Policy policy = seed % 3 == 0 ? Policy.DIRECT : Policy.TRANSITIVE;
      RebuildScope scope = Fixtures.scope(g, policy, "n" + r.nextInt(3), "n" + (3 + r.nextInt(3)));
      double[] own = new double[scope.size()];
      for (int i = 0; i < own.length; i++) {
        own[i] = r.nextDouble() * 0.4;
      }
      double[] sim = RiskModel.failureProbabilities(g, scope, own, 20_000, seed);
      double[] truth = exact(g, scope, own);
      for (int i = 0; i < own.length; i++) {
        assertEquals(truth[i], sim[i], 0.015, "seed " + seed + " node " + scope.nodes()[i]);
      }
    }
  }

  @Test
  void propagation_diamond_isNotTheIndependentProductFormula() {
    // d needs b and c, both need a: the product formula counts a's failure twice.
    PackageGraph g = graph("d->b->a, d->c->a");
    RebuildScope scope = Fixtures.scope(g, "a");
    double[] own = {0.2, 0.2, 0.2, 0.2};
    double[] f = RiskModel.failureProbabilities(g, scope, own, 40_000, 7);
    int d = scope.indexOf(g.indexOfId("d"));
    double exact = 1 - Math.pow(0.8, 4); // 0.5904: some node of d's closure fails
    double product = 1 - 0.8 * 0.64 * 0.64; // 0.672
    assertEquals(exact, f[d], 0.006);
    assertTrue(Math.abs(f[d] - product) > 0.05);
  }

  @Test
  void cycle_isBootstrapped_aMemberFailureStaysInsideButReachesOutside() {
    // a and b form a cycle; c needs a. A failure of b does not fail a (bootstrapped against the
    // previous b), but a failure of a fails c.
    PackageGraph g = graph("a->b->a, c->a, b->base");
    RebuildScope scope = Fixtures.scope(g, "base");
    int a = scope.indexOf(g.indexOfId("a"));
    int b = scope.indexOf(g.indexOfId("b"));
    int c = scope.indexOf(g.indexOfId("c"));
    int base = scope.indexOf(g.indexOfId("base"));
    double[] own = new double[scope.size()];
    own[b] = 0.5;
    double[] f = RiskModel.failureProbabilities(g, scope, own, 2_000, 3);
    assertEquals(0.0, f[a], 1e-12);
    assertEquals(0.5, f[b], 1e-12);
    assertEquals(0.0, f[c], 1e-12);
    own[b] = 0;
    own[a] = 0.3;
    own[base] = 0.2;
    f = RiskModel.failureProbabilities(g, scope, own, 20_000, 3);
    assertEquals(0.3, f[a], 1e-12); // base reaches a only through b, inside the cycle
    assertEquals(0.2, f[b], 0.01);
    assertEquals(0.3, f[c], 0.01);
  }

  @Test
  void nodeWithoutRebuiltInputs_failureEqualsOwnExactly() {
    PackageGraph g = graph("app->lib->base, tool->lib");
    RiskScores s = Fixtures.score(g, Fixtures.scope(g, "lib"), History.empty(), S);
    int lib = s.scope().indexOf(g.indexOfId("lib"));
    assertEquals(s.own(lib), s.failure(lib), 1e-12);
    assertEquals(0.0, s.dependency(lib));
    int app = s.scope().indexOf(g.indexOfId("app"));
    assertTrue(s.failure(app) > s.own(app));
    assertEquals(1 - (1 - s.own(app)) * (1 - s.failure(lib)), s.failure(app), 0.01);
  }

  @Test
  void exposure_moreAndNearerChangedInputs_raiseOwnProbability() {
    // x needs a and b (both changed), y needs a only, z needs y: distance 2.
    PackageGraph g = graph("x->a, x->b, y->a, z->y");
    RiskScores s = Fixtures.score(g, Fixtures.scope(g, "a", "b"), History.empty(), S);
    int x = s.scope().indexOf(g.indexOfId("x"));
    int y = s.scope().indexOf(g.indexOfId("y"));
    int z = s.scope().indexOf(g.indexOfId("z"));
    assertEquals(2.0, s.exposure(x), 1e-12);
    assertEquals(1.0, s.exposure(y), 1e-12);
    assertEquals(S.distanceDecay(), s.exposure(z), 1e-12);
    assertTrue(s.own(x) > s.own(y) && s.own(y) > s.own(z));
    assertEquals(2, s.changedWithin(x));
    assertEquals(g.indexOfId("a"), s.nearestChanged(x, 0));
    assertEquals(g.indexOfId("b"), s.nearestChanged(x, 1));
    assertEquals(g.indexOfId("a"), s.nearestChanged(z, 0));
    assertEquals(2, s.nearestDistance(z, 0));
  }

  @Test
  void exposure_beyondMaxDistance_countsTheNearestOnly() {
    PackageGraph g = graph("e->d->c->b->a");
    RiskSettings s1 = Fixtures.settings("\"exposureMaxDistance\": 1");
    RiskScores s = Fixtures.score(g, Fixtures.scope(g, "a"), History.empty(), s1);
    int e = s.scope().indexOf(g.indexOfId("e"));
    assertEquals(Math.pow(s1.distanceDecay(), 3), s.exposure(e), 1e-12);
    assertEquals(4, s.nearestDistance(e, 0));
    assertEquals(-1, s.nearestChanged(e, 0));
  }

  @Test
  void manyChangedNodes_useTheNearestOnly() {
    PackageGraph g = graph("x->a, x->b, y->x");
    RiskSettings few = Fixtures.settings("\"exposureSourceLimit\": 1");
    RiskScores s = Fixtures.score(g, Fixtures.scope(g, "a", "b"), History.empty(), few);
    int y = s.scope().indexOf(g.indexOfId("y"));
    assertEquals(few.distanceDecay(), s.exposure(y), 1e-12); // the nearest (distance 2) only
    assertEquals(-1, s.changedWithin(y));
    assertEquals(2, s.nearestDistance(y, 0));
  }

  @Test
  void score_isDeterministic_andTheSeedMatters() {
    PackageGraph g = Graphs.random(300, 2.5, true, 5);
    RebuildScope scope = Fixtures.scope(g, "n3", "n40");
    RiskScores a = Fixtures.score(g, scope, History.empty(), S);
    RiskScores b = Fixtures.score(g, scope, History.empty(), S);
    RiskScores c = Fixtures.score(g, scope, History.empty(), Fixtures.settings("\"seed\": 9"));
    double[] fa = new double[a.size()];
    double[] fb = new double[a.size()];
    double[] fc = new double[a.size()];
    for (int i = 0; i < a.size(); i++) {
      fa[i] = a.failure(i);
      fb[i] = b.failure(i);
      fc[i] = c.failure(i);
    }
    assertArrayEquals(fa, fb);
    assertNotEquals(Arrays.toString(fa), Arrays.toString(fc));
    assertArrayEquals(a.interval(0.95), b.interval(0.95));
  }

  @Test
  void interval_containsTheExpectation_andNarrowsWithoutSeverityUncertainty() {
    PackageGraph g = Graphs.random(400, 2.0, false, 11);
    RebuildScope scope = Fixtures.scope(g, "n1");
    RiskScores wide = Fixtures.score(g, scope, History.empty(), S);
    RiskScores sure =
        Fixtures.score(g, scope, History.empty(), Fixtures.settings("\"severitySigma\": 0"));
    for (RiskScores s : new RiskScores[] {wide, sure}) {
      int[] iv = s.interval(0.95);
      assertTrue(iv[0] <= s.expectedNewFailures() && s.expectedNewFailures() <= iv[1]);
      int[] iv50 = s.interval(0.5);
      assertTrue(iv[0] <= iv50[0] && iv50[1] <= iv[1]);
    }
    int[] w = wide.interval(0.95);
    int[] n = sure.interval(0.95);
    assertTrue(w[1] - w[0] >= n[1] - n[0], Arrays.toString(w) + " vs " + Arrays.toString(n));
  }

  @Test
  void alreadyBroken_isExcludedFromNewFailures_andStaysBrokenWithPersistence() {
    PackageGraph g = Fixtures.withStatuses(graph("app->lib, old->lib"), "old=RED");
    RiskScores s = Fixtures.score(g, Fixtures.scope(g, "lib"), History.empty(), S);
    int old = s.scope().indexOf(g.indexOfId("old"));
    assertEquals(RiskClass.ALREADY_BROKEN, s.riskClass(old));
    assertTrue(s.own(old) >= S.brokenPersistence());
    double sum = 0;
    for (int i = 0; i < s.size(); i++) {
      sum += s.atRisk(i) ? s.failure(i) : 0;
    }
    assertEquals(sum, s.expectedNewFailures(), 1e-12);
    assertEquals(2, s.atRiskCount());
  }
}
