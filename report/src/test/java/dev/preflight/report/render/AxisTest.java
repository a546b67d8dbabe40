package dev.preflight.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class AxisTest {

  private static List<String> labels(Axis a) {
    return a.ticks().stream().map(Axis.Tick::label).toList();
  }

  @Test
  void linear_ticksAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(List.of("0", "5", "10", "15", "20", "25"), labels(Axis.linear(0, 24, 5)));
    assertEquals(List.of("0", "1", "2", "3", "4"), labels(Axis.linear(0, 3.62, 5)));
    assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), labels(Axis.linear(0, 1, 5)));
    assertEquals(
        List.of("0", "200", "400", "600", "800", "1,000", "1,200", "1,400"),
        labels(Axis.linear(0, 1385, 5)));
  }

  @Test
  void linear_smallRange_hasNoLongFractions() {
    // The old axis printed 0.00781 (max / 4 of 0.03125).
    Axis a = Axis.linear(0, 0.03125, 5);
    assertEquals(
        List.of("0.000", "0.005", "0.010", "0.015", "0.020", "0.025", "0.030", "0.035"), labels(a));
    assertEquals(0.035, a.max(), 1e-12);
  }

  /**
   * Property: over random ranges, every step is 1, 2 or 5 x 10^k and the domain covers the data.
   */
  @Test
  void linear_randomRanges_niceStepAndCoveringDomain() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 2_000; i++) {
      double hi = Math.pow(10, r.nextDouble(-4, 7)) * r.nextDouble(0.1, 1);
      Axis a = Axis.linear(0, hi, 5);
      assertTrue(a.max() >= hi && a.min() <= 0, "domain covers [0, " + hi + "]");
      List<Axis.Tick> t = a.ticks();
      assertTrue(t.size() >= 3 && t.size() <= 12, t.size() + " ticks for " + hi);
      double step = t.get(1).value() - t.get(0).value();
      double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
      assertTrue(
          Math.abs(mantissa - 1) < 1e-6
              || Math.abs(mantissa - 2) < 1e-6
              || Math.abs(mantissa - 5) < 1e-6,
          "step " + step + " for " + hi);
      for (Axis.Tick k : t) {
        assertTrue(k.label().length() <= 12, "short label " + k.label());
      }
    }
  }

  @Test
  void sizesThatDouble_getALog2AxisWithEqualSpacing() {
    Axis a = Axis.forSizes(new double[] {1, 2, 4, 8, 16, 32, 64});
    assertEquals(Axis.Scale.LOG2, a.scale());
    assertEquals(List.of("1", "2", "4", "8", "16", "32", "64"), labels(a));
    for (int i = 0; i < 7; i++) {
      assertEquals(i / 6.0, a.fraction(a.ticks().get(i).value()), 1e-12);
    }
  }

  @Test
  void otherSizes_getALinearAxis() {
    Axis a = Axis.forSizes(new double[] {1, 3, 5, 7});
    assertEquals(Axis.Scale.LINEAR, a.scale());
    assertEquals(0.5, a.fraction((a.min() + a.max()) / 2), 1e-12);
  }
}
