package dev.preflight.risk;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.history.History;
import dev.preflight.history.HistoryFile;
import dev.preflight.settings.RiskSettings;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RiskAnalysisTest {
  private static final RiskSettings S = Fixtures.settings("");

  private static History csv(String rows) {
    return HistoryFile.parse(new StringReader("id,seconds,status,finishedAt\n" + rows), "t.csv");
  }

  private static RiskReport run(PackageGraph g, RebuildScope scope, History h, History observed) {
    return RiskAnalysis.run(
        new RiskAnalysis.Input(
            g,
            scope,
            h,
            BuildDurations.fromGraph(g, 300),
            SamplingPlan.Request.forMargin(0.95, 0.05),
            5,
            observed),
        S,
        Progress.NONE);
  }

  @Test
  void classification_historyOverridesTheGraphStatus_countsPerSystem() {
    PackageGraph g =
        Fixtures.withStatuses(
            graph(
                "app@x86_64-linux->lib@x86_64-linux, app@aarch64-darwin->lib@aarch64-darwin,"
                    + " tool@x86_64-linux->lib@x86_64-linux"),
            "tool@x86_64-linux=RED");
    History h =
        csv(
            "app@aarch64-darwin,10,dependency-failed,2026-01-02\n"
                + "tool@x86_64-linux,10,failed,2026-01-01\n"
                + "tool@x86_64-linux,10,success,2026-01-03\n");
    RiskReport r = run(g, Fixtures.scope(g, "lib"), h, null);
    Classification c = r.classification();
    assertEquals(5, r.rebuildCount());
    assertEquals(4, c.count(RiskClass.NEWLY_AT_RISK)); // tool: history says success now
    assertEquals(1, c.count(RiskClass.ALREADY_BROKEN)); // app@darwin: dependency-failed is red
    assertEquals(0, c.count(RiskClass.UNKNOWN));
    assertEquals(1, (int) c.bySystem().get("aarch64-darwin").get(RiskClass.ALREADY_BROKEN));
    assertEquals(3, (int) c.bySystem().get("x86_64-linux").get(RiskClass.NEWLY_AT_RISK));
    assertEquals(g.indexOfId("app@aarch64-darwin"), c.nodes(RiskClass.ALREADY_BROKEN)[0]);
    assertNull(r.estimate());
    assertEquals("model", r.interval().method());
  }

  @Test
  void top_isSortedWithReasons_andSkipsAlreadyBroken() {
    PackageGraph g = Fixtures.withStatuses(graph("a->lib, b->a, c->lib, d->lib"), "d=RED");
    RiskReport r = run(g, Fixtures.scope(g, "lib"), History.empty(), null);
    assertEquals(4, r.top().size());
    for (int i = 1; i < r.top().size(); i++) {
      assertTrue(r.top().get(i - 1).probability() >= r.top().get(i).probability());
    }
    assertTrue(r.top().stream().noneMatch(t -> t.name().equals("d")));
    RiskReport.TopRow b = r.top().stream().filter(t -> t.name().equals("b")).findFirst().get();
    assertTrue(
        b.reasons().get(0).startsWith("changed input lib at distance 2"), b.reasons().toString());
    assertTrue(b.reasons().stream().anyMatch(s -> s.startsWith("dependency failure")));
    assertTrue(b.reasons().stream().anyMatch(s -> s.startsWith("no history")));
  }

  @Test
  void observed_replacesThePredictionWithTheStratifiedEstimate() {
    PackageGraph g = graph("a->lib, b->lib, c->lib, d->a");
    RebuildScope scope = Fixtures.scope(g, "lib");
    History observed =
        csv(
            "lib,1,success,2026-01-01\n"
                + "a,1,failed,2026-01-01\n"
                + "b,1,aborted,2026-01-01\n" // not a result
                + "nope,1,failed,2026-01-01\n" // not in the graph
                + "c,1,success,2026-01-01\n"
                + "d,1,dependency-failed,2026-01-02\n");
    RiskReport r = run(g, scope, History.empty(), observed);
    StratifiedEstimate e = r.estimate();
    assertEquals("stratified-sample", r.interval().method());
    assertEquals(4, e.observed());
    assertEquals(2, e.failures());
    assertEquals(2, r.observedIgnored());
    assertTrue(e.countLow() >= 2 && e.countHigh() <= 3, e.countLow() + ".." + e.countHigh());
    assertEquals(e.count(), r.expectedNewFailures(), 1e-12);
  }

  @Test
  void outcomes_latestUsableResultWins() {
    PackageGraph g = graph("a, b");
    Map<Integer, Boolean> m = new HashMap<>();
    int ignored =
        RiskAnalysis.outcomes(
            csv("a,1,failed,2026-01-01\na,1,success,2026-01-02\na,1,aborted,2026-01-03\n"), g, m);
    assertEquals(0, ignored);
    assertEquals(Boolean.FALSE, m.get(g.indexOfId("a")));
  }
}
