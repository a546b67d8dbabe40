package dev.preflight.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.testing.Graphs;
import dev.preflight.history.History;
import dev.preflight.settings.RiskSettings;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class SamplingPlanTest {
  private static final PackageGraph G = Graphs.random(600, 2.0, false, 3);

  private static RiskScores scores(RiskSettings s) {
    return Fixtures.score(G, Fixtures.scope(G, "n?", "n1?"), History.empty(), s);
  }

  private static BuildDurations durations() {
    return node -> 60 + (node % 7) * 120;
  }

  @Test
  void oneStratum_sampleSizeIsCochransWithFiniteCorrection() {
    RiskSettings s = Fixtures.settings("\"strata\": 1, \"simulationTrials\": 300");
    RiskScores sc = scores(s);
    SamplingPlan plan =
        SamplingPlan.of(sc, durations(), s, SamplingPlan.Request.forMargin(0.95, 0.03));
    assertEquals(1, plan.strata().size());
    double p = plan.strata().get(0).planningRate();
    int n = plan.population();
    double z = Stats.z(0.95);
    double n0 = z * z * p * (1 - p) / (0.03 * 0.03);
    int cochran = (int) Math.ceil(n0 / (1 + n0 / n));
    assertTrue(
        Math.abs(plan.requiredSamples() - cochran) <= 1, plan.requiredSamples() + " vs " + cochran);
    assertTrue(plan.plannedMargin() <= 0.03 + 1e-12);
    assertEquals(plan.requiredSamples(), plan.sample().length);
  }

  @Test
  void strata_areContiguousInRisk_andNeymanGivesRiskierStrataMore() {
    RiskSettings s = Fixtures.settings("\"strata\": 4, \"simulationTrials\": 300");
    RiskScores sc = scores(s);
    SamplingPlan plan =
        SamplingPlan.of(sc, durations(), s, new SamplingPlan.Request(0.95, 0.05, 80, Double.NaN));
    assertTrue(plan.population() > 200, "population " + plan.population());
    assertTrue(plan.strata().size() >= 2);
    for (int h = 1; h < plan.strata().size(); h++) {
      assertTrue(plan.strata().get(h).lowScore() >= plan.strata().get(h - 1).highScore());
    }
    for (int i = 0; i < sc.size(); i++) {
      assertEquals(sc.atRisk(i), plan.stratumOf(i) >= 0);
    }
    // n_h / N_h grows with the stratum's anticipated sqrt(P(1-P)) (all P <= 0.5 here).
    SamplingPlan.Stratum low = plan.strata().get(0);
    SamplingPlan.Stratum high = plan.strata().get(plan.strata().size() - 1);
    assertTrue(high.planningRate() <= 0.5);
    assertTrue((double) high.samples() / high.size() >= (double) low.samples() / low.size() - 1e-9);
    assertEquals(80, plan.sample().length);
    int total = 0;
    for (SamplingPlan.Stratum st : plan.strata()) {
      assertTrue(st.samples() >= Math.min(s.minSamplesPerStratum(), st.size()));
      total += st.samples();
    }
    assertEquals(80, total);
  }

  @Test
  void sample_isDistinctPopulationNodes_andDeterministic() {
    RiskSettings s = Fixtures.settings("\"simulationTrials\": 300");
    RiskScores sc = scores(s);
    SamplingPlan a = SamplingPlan.of(sc, durations(), s, SamplingPlan.Request.forMargin(0.9, 0.04));
    SamplingPlan b = SamplingPlan.of(sc, durations(), s, SamplingPlan.Request.forMargin(0.9, 0.04));
    assertTrue(Arrays.equals(a.sample(), b.sample()));
    Set<Integer> seen = new HashSet<>();
    for (int v : a.sample()) {
      assertTrue(seen.add(v));
      assertTrue(sc.atRisk(sc.scope().indexOf(v)));
    }
  }

  @Test
  void budget_sampleFitsAndOneMoreWouldNot() {
    RiskSettings s = Fixtures.settings("\"simulationTrials\": 300");
    RiskScores sc = scores(s);
    SamplingPlan plan =
        SamplingPlan.of(sc, durations(), s, new SamplingPlan.Request(0.95, 0.05, -1, 3.0));
    assertTrue(plan.sampleHours() <= 3.0 + 1e-9);
    int k = plan.sample().length;
    assertTrue(k > 0 && k < plan.population());
    SamplingPlan more =
        SamplingPlan.of(
            sc, durations(), s, new SamplingPlan.Request(0.95, 0.05, k + 1, Double.NaN));
    assertTrue(more.sampleHours() > 3.0 - 1e-9 || more.sample().length == k);
  }

  @Test
  void samplesOverPopulation_takeEveryone() {
    RiskSettings s = Fixtures.settings("\"simulationTrials\": 300");
    RiskScores sc = scores(s);
    SamplingPlan plan =
        SamplingPlan.of(
            sc, durations(), s, new SamplingPlan.Request(0.95, 0.05, 1_000_000, Double.NaN));
    assertEquals(plan.population(), plan.sample().length);
    assertEquals(0.0, plan.plannedMargin(), 1e-12);
  }
}
