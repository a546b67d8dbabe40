package dev.preflight.risk.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.settings.Settings;
import org.junit.jupiter.api.Test;

/**
 * A short backtest (the numbers in docs/models.md come from {@code CalibrationHarness --trials
 * 2000}); the margins allow for the noise of 60 trials.
 */
final class CalibrationHarnessTest {

  @Test
  void backtest_intervalsCover_scoresBeatTheGlobalRate_buildFirstBeatsRandom() {
    CalibrationHarness.Config c =
        new CalibrationHarness.Config(
            60,
            7,
            300,
            0.95,
            0.05,
            0.10,
            Settings.withOverrides("{\"risk\": {\"simulationTrials\": 600}}").risk());
    CalibrationHarness.Report r = CalibrationHarness.run(c);
    String report = r.format();
    assertTrue(r.predictionCoverage() >= 0.88, report);
    assertTrue(r.sampleCoverage() >= 0.88, report);
    assertTrue(r.brier() < r.brierBaseline(), report);
    assertTrue(r.foundBuildFirst() > r.foundRandom(), report);
    assertTrue(r.meanNewFailures() > 0, report);
  }

  @Test
  void syntheticWorld_isSeeded_andHistoryIsConsistentWithBlockedNodes() {
    SyntheticWorld a = SyntheticWorld.generate(99, 200, 20);
    SyntheticWorld b = SyntheticWorld.generate(99, 200, 20);
    assertTrue(java.util.Arrays.equals(a.failed, b.failed));
    assertTrue(java.util.Arrays.equals(a.rebuild, b.rebuild));
    // Every node that was unusable before the change reads as RED (already broken).
    int broken = 0;
    for (int v = 0; v < a.graph.nodeCount(); v++) {
      if (a.brokenBefore[v]) {
        int k = a.history.indexOf(a.graph.id(v));
        assertTrue(k >= 0 && a.history.latestResult(k).status().name().equals("RED"));
        broken++;
      }
    }
    assertTrue(broken > 0, "the world has nodes broken before the change: the check above ran");
  }
}
