package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.cost.CostReport;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class PlanVerdictRuleTest {
  /**
   * The verdict's sampled rule, "the nearest-rank p90 is within the deadline", is the same as "at
   * least 90% of the runs end within it", counted by brute force over random makespans with ties;
   * and {@link CostReport.Samples#within} is that count.
   */
  @Test
  void sampledRule_p90WithinDeadline_isAtLeastNinetyPercentOfRuns() {
    SplittableRandom r = new SplittableRandom(90);
    for (int trial = 0; trial < 5_000; trial++) {
      int n = 1 + r.nextInt(60);
      double[] m = new double[n];
      for (int i = 0; i < n; i++) {
        m[i] = 100 * (1 + r.nextInt(12)); // few distinct values: many ties
      }
      double[] sorted = m.clone();
      Arrays.sort(sorted);
      double p50 = sorted[(int) Math.ceil(0.5 * n) - 1];
      double p90 = sorted[(int) Math.ceil(0.9 * n) - 1];
      CostReport.Samples s = new CostReport.Samples(n, 1, p50, p90, 0, 0, m);
      double deadline = 50 * r.nextInt(28);
      int count = 0;
      for (double x : m) {
        count += x <= deadline ? 1 : 0;
      }
      assertEquals(count, s.within(deadline), Arrays.toString(m) + " within " + deadline);
      assertEquals((double) count / n, s.shareWithin(deadline), 1e-12);
      boolean expectedFits = r.nextBoolean(); // the expected makespan does not matter with samples
      double expectedMakespan = expectedFits ? 0 : Double.MAX_VALUE;
      assertEquals(
          count * 10 >= 9 * n,
          PlanReport.fits(expectedMakespan, s, deadline),
          Arrays.toString(m) + " deadline " + deadline);
    }
  }

  @Test
  void unsampledRule_isTheExpectedMakespan() {
    assertTrue(PlanReport.fits(3600, null, 3600));
    assertFalse(PlanReport.fits(3601, null, 3600));
  }
}
