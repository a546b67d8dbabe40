package dev.preflight.risk;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.history.History;
import dev.preflight.settings.RiskSettings;
import org.junit.jupiter.api.Test;

final class BuildFirstTest {
  private static final RiskSettings S = Fixtures.settings("");

  @Test
  void aChangedHubWithManyDependents_comesBeforeALoneChangedLeaf() {
    StringBuilder spec = new StringBuilder("leaf");
    for (int i = 0; i < 10; i++) {
      spec.append(", u").append(i).append("->hub");
    }
    PackageGraph g = graph(spec.toString());
    RiskScores s = Fixtures.score(g, Fixtures.scope(g, "hub", "leaf"), History.empty(), S);
    int[] order = BuildFirst.orderedNodes(s, node -> 600, S);
    assertEquals(g.indexOfId("hub"), order[0]);
    assertEquals(s.atRiskCount(), order.length);
  }

  @Test
  void cheaperBuilds_comeFirstAtEqualRisk() {
    PackageGraph g = graph("slow, quick");
    RiskScores s = Fixtures.score(g, Fixtures.scope(g, "slow", "quick"), History.empty(), S);
    int slow = g.indexOfId("slow");
    int[] order = BuildFirst.orderedNodes(s, node -> node == slow ? 3600 : 60, S);
    assertEquals(g.indexOfId("quick"), order[0]);
  }

  @Test
  void list_fitsTheBudget_withTheInputsItNeeds() {
    PackageGraph g = graph("a->base, b->base, c->base, d->base, e->base");
    RiskScores s = Fixtures.score(g, Fixtures.scope(g, "base"), History.empty(), S);
    BuildFirst.Result r = BuildFirst.of(s, node -> 3600, S, 3.0);
    assertTrue(r.hours() <= 3.0 + 1e-9, "hours " + r.hours());
    assertEquals(3, r.nodes().length); // base plus two dependents
    assertEquals(g.indexOfId("base"), r.nodes()[0]); // inputs come first
    assertEquals(6.0, r.totalHours(), 1e-9);
    BuildFirst.Result share = BuildFirst.of(s, node -> 3600, S, Double.NaN);
    assertEquals(S.buildFirstCpuShare() * 6.0, share.budgetHours(), 1e-9);
    assertEquals(1, share.targets().length); // the first entry is always kept
  }
}
