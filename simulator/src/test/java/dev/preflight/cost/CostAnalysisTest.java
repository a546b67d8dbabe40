package dev.preflight.cost;

import static dev.preflight.cost.CostFixtures.SETTINGS;
import static dev.preflight.cost.CostFixtures.all;
import static dev.preflight.cost.CostFixtures.identical;
import static dev.preflight.cost.CostFixtures.randomTimed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class CostAnalysisTest {
  private static CostAnalysis.Request request(
      Workload w, Cluster c, FailureModel f, List<Integer> sizes, int samples) {
    return new CostAnalysis.Request(w, c, Scheduler.HYDRA, Set.of(), f, sizes, samples, 7, true);
  }

  @Test
  void report_answersMatchTheRunAndTheWorkload() {
    PackageGraph g =
        CostFixtures.graph(
            "a->b->c, d",
            Map.of("c", CostFixtures.channel(30, "small"), "d", CostFixtures.seconds(5)));
    Workload w = all(g);
    CostReport r =
        CostAnalysis.analyze(
            request(w, identical(1, 2), FailureModel.none(), List.of(), 0),
            SETTINGS,
            null,
            Progress.NONE);
    assertEquals(4, r.builds());
    assertEquals(50, r.makespanSeconds()); // c 0-30, b 30-40, a 40-50; d 0-5
    assertEquals(55.0 / 3600, r.cpuHours(), 1e-12);
    assertEquals(50, r.criticalPathSeconds());
    assertEquals(
        List.of("c", "b", "a"), r.criticalPath().stream().map(CostReport.PathStep::name).toList());
    assertEquals(50, r.lowerBoundSeconds());
    assertEquals(1, r.makespanOverLowerBound());
    assertEquals(Map.of("small", 30.0), r.channels());
    assertEquals(new CostReport.Outcomes(4, 0, 0), r.outcomes());
    assertEquals(4, r.durationSources().get("graph"));
    assertEquals(SETTINGS.seriesPoints(), r.utilization().size());
    // One machine for 50 s at USD 0.34/h with a 60 s minimum.
    assertEquals(60 * 0.34 / 3600, r.cost(), 1e-12);
    assertTrue(r.curve().isEmpty());
    assertNull(r.knee());
    assertNull(r.samples());
  }

  @Test
  void failures_blockTheChannelAndCountBuildsNotJobs() {
    PackageGraph g =
        CostFixtures.graph(
            "a->b, b->c, c->b, d",
            Map.of("b", CostFixtures.red(10), "a", CostFixtures.channel(10, "ch")));
    CostReport r =
        CostAnalysis.analyze(
            request(all(g), identical(1, 2), FailureModel.previouslyRed(g), List.of(), 0),
            SETTINGS,
            null,
            Progress.NONE);
    // b fails and a (needs b) is dependency-failed; c, on b's cycle, builds against the previous
    // b and does not wait for it; d builds.
    assertEquals(new CostReport.Outcomes(2, 1, 1), r.outcomes());
    assertEquals(List.of("ch"), r.blockedChannels());
  }

  @Test
  void curve_isMonotoneForIdenticalMachines_andHasAKnee() {
    PackageGraph g = randomTimed(400, 1.5, false, 600, 3);
    List<Integer> sizes = List.of(1, 2, 4, 8, 16, 32, 64);
    CostReport r =
        CostAnalysis.analyze(
            request(all(g), identical(1, 2), FailureModel.none(), sizes, 0),
            SETTINGS,
            null,
            Progress.NONE);
    assertEquals(sizes.size(), r.curve().size());
    for (int i = 0; i < sizes.size(); i++) {
      CostReport.CurvePoint p = r.curve().get(i);
      assertEquals(sizes.get(i), p.size());
      assertEquals(2L * sizes.get(i), p.slots());
      assertTrue(p.makespanSeconds() >= r.criticalPathSeconds() - 1e-9);
    }
    assertEquals(r.makespanSeconds(), r.curve().get(0).makespanSeconds());
    int knee = r.knee();
    assertTrue(sizes.contains(knee));
    // Past the knee, every step gains less than 10%.
    for (int i = sizes.indexOf(knee); i + 1 < sizes.size(); i++) {
      double m = r.curve().get(i).makespanSeconds();
      assertTrue((m - r.curve().get(i + 1).makespanSeconds()) / m < SETTINGS.kneeImprovement());
    }
  }

  @Test
  void knee_isTheSmallestSizeFromWhichEveryStepGainsLessThanTheThreshold() {
    List<CostReport.CurvePoint> curve = new ArrayList<>();
    double[] makespans = {1000, 500, 260, 250, 200, 195};
    for (int i = 0; i < makespans.length; i++) {
      curve.add(
          new CostReport.CurvePoint(1 << i, 1 << i, 1 << i, 1 << i, 1 << i, makespans[i], 0, 0));
    }
    // 250 -> 200 gains 20%, so the flat stretch starts at 200 (size 16).
    assertEquals(16, CostAnalysis.knee(curve, 0.10));
    assertEquals(4, CostAnalysis.knee(curve, 0.25));
    assertEquals(1, CostAnalysis.knee(curve.subList(0, 1), 0.10));
  }

  @Test
  void samples_areSeededAndTheSameWithOrWithoutAnExecutor() throws Exception {
    PackageGraph g = randomTimed(300, 2, true, 300, 5);
    Workload w = all(g);
    CostAnalysis.Request req =
        request(
            w, identical(4, 2), FailureModel.uniform(g.nodeCount(), 0.02), List.of(1, 2, 4), 40);
    AtomicLong ticks = new AtomicLong();
    Progress counting =
        new Progress() {
          @Override
          public void start(String task, long total) {
            // The expected run and 40 draws, at the cluster and again at each of 3 sizes.
            assertEquals((1 + 3) * (1 + 40), total);
          }

          @Override
          public void advance(long delta) {
            ticks.addAndGet(delta);
          }

          @Override
          public void done() {}
        };
    CostReport inline = CostAnalysis.analyze(req, SETTINGS, null, counting);
    assertEquals(164, ticks.get());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      CostReport parallel = CostAnalysis.analyze(req, SETTINGS, pool, Progress.NONE);
      assertEquals(inline, parallel);
    } finally {
      pool.shutdownNow();
    }
    CostReport.Samples s = inline.samples();
    assertEquals(40, s.count());
    assertTrue(s.makespanP50() <= s.makespanP90());
    assertTrue(s.costP50() <= s.costP90());
    for (CostReport.CurvePoint p : inline.curve()) {
      assertEquals(40, p.samples().count(), "size " + p.size());
      assertTrue(p.samples().makespanP50() <= p.samples().makespanP90(), "size " + p.size());
      assertTrue(p.samples().costP50() <= p.samples().costP90(), "size " + p.size());
    }
    // Size 1 is the cluster itself with the same draws: its band is the report's percentiles.
    assertEquals(s, inline.curve().get(0).samples());
    CostReport other =
        CostAnalysis.analyze(
            new CostAnalysis.Request(
                w,
                identical(4, 2),
                Scheduler.HYDRA,
                Set.of(),
                FailureModel.none(),
                List.of(),
                40,
                8,
                true),
            SETTINGS,
            null,
            Progress.NONE);
    assertNotEquals(s.makespanP50(), other.samples().makespanP50());
  }

  @Test
  void workerFailure_isRethrownWithItsCause() {
    PackageGraph g = randomTimed(50, 1, false, 10, 1);
    Workload w = all(g);
    Cluster bad =
        new Cluster(
            "x",
            List.of(
                new Pool(
                    "p",
                    1,
                    List.of("nowhere"),
                    1,
                    1,
                    List.of(),
                    List.of(),
                    0,
                    0,
                    new Billing(1, 0),
                    null)));
    assertThrows(
        dev.preflight.graph.InputException.class,
        () ->
            CostAnalysis.analyze(
                request(w, bad, FailureModel.none(), List.of(1, 2), 0),
                SETTINGS,
                null,
                Progress.NONE));
  }

  @Test
  void percentile_isNearestRank() {
    double[] v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
    assertEquals(5, CostAnalysis.percentile(v, 0.5));
    assertEquals(9, CostAnalysis.percentile(v, 0.9));
    assertEquals(1, CostAnalysis.percentile(new double[] {1}, 0.9));
  }
}
