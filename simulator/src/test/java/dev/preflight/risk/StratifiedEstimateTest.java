package dev.preflight.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class StratifiedEstimateTest {

  private static StratifiedEstimate est(int[] size, int[] n, int[] x) {
    return StratifiedEstimate.compute(size, n, x, new double[size.length], 0.95, 0, 0);
  }

  @Test
  void fullyObserved_isExact() {
    StratifiedEstimate e = est(new int[] {10, 5}, new int[] {10, 5}, new int[] {1, 3});
    assertEquals(4.0, e.count(), 1e-12);
    assertEquals(4.0, e.countLow(), 1e-12);
    assertEquals(4.0, e.countHigh(), 1e-12);
  }

  @Test
  void noFailureSeen_stillLeavesRoomAbove() {
    StratifiedEstimate e = est(new int[] {100, 50}, new int[] {10, 10}, new int[] {0, 0});
    assertEquals(0.0, e.count(), 1e-12);
    assertEquals(0.0, e.countLow(), 1e-12);
    assertTrue(e.countHigh() >= 5, "upper bound " + e.countHigh());
  }

  @Test
  void unobservedStratum_addsItsWholeSizeToTheUpperBound() {
    double[] expected = {0, 0, 2.5};
    StratifiedEstimate e =
        StratifiedEstimate.compute(
            new int[] {20, 20, 8},
            new int[] {20, 20, 0},
            new int[] {1, 2, 0},
            expected,
            0.95,
            0,
            0);
    assertEquals(3 + 2.5, e.count(), 1e-12);
    assertEquals(3.0, e.countLow(), 1e-12);
    assertEquals(3 + 8.0, e.countHigh(), 1e-12);
    assertEquals(1, e.unobservedStrata());
  }

  @Test
  void bounds_respectWhatIsKnown() {
    StratifiedEstimate e = est(new int[] {30, 30}, new int[] {25, 25}, new int[] {20, 1});
    assertTrue(e.countLow() >= 21);
    assertTrue(e.countHigh() <= 60 - 29);
  }

  /** Repeated stratified random samples of a fixed finite population: the interval covers. */
  @Test
  void coverage_ofRepeatedStratifiedSamples_isAtLeastNominalMinusMargin() {
    int[] size = {400, 150, 40, 10};
    double[] rate = {0.01, 0.06, 0.3, 0.7};
    int[] n = {20, 15, 12, 6};
    SplittableRandom r = new SplittableRandom(2024);
    int trials = 3000;
    int covered = 0;
    for (int t = 0; t < trials; t++) {
      // A fresh finite population each time, then a simple random sample per stratum.
      int truth = 0;
      int[] x = new int[size.length];
      for (int h = 0; h < size.length; h++) {
        boolean[] fail = new boolean[size[h]];
        for (int i = 0; i < size[h]; i++) {
          fail[i] = r.nextDouble() < rate[h];
          truth += fail[i] ? 1 : 0;
        }
        int[] idx = new int[size[h]];
        for (int i = 0; i < idx.length; i++) {
          idx[i] = i;
        }
        for (int i = 0; i < n[h]; i++) {
          int j = i + r.nextInt(size[h] - i);
          int tmp = idx[i];
          idx[i] = idx[j];
          idx[j] = tmp;
          x[h] += fail[idx[i]] ? 1 : 0;
        }
      }
      StratifiedEstimate e = est(size, n, x);
      if (e.countLow() <= truth && truth <= e.countHigh()) {
        covered++;
      }
    }
    double coverage = (double) covered / trials;
    assertTrue(coverage >= 0.93, "coverage " + coverage);
  }
}
