package dev.preflight.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class StatsTest {
  @Test
  void normalQuantile_matchesTables() {
    assertEquals(1.959963985, Stats.z(0.95), 1e-8);
    assertEquals(2.575829304, Stats.z(0.99), 1e-8);
    assertEquals(0.0, Stats.normalQuantile(0.5), 1e-12);
    assertEquals(-2.326347874, Stats.normalQuantile(0.01), 1e-8);
    assertEquals(-4.753424309, Stats.normalQuantile(1e-6), 1e-7);
  }

  @Test
  void wilson_matchesAKnownValue_andHandlesEdges() {
    // 3 of 10 at 95%: [0.1078, 0.6032] (Wilson 1927; e.g. Newcombe 1998, table I).
    double[] ci = Stats.wilson(0.3, 10, Stats.z(0.95));
    assertEquals(0.1078, ci[0], 1e-4);
    assertEquals(0.6032, ci[1], 1e-4);
    assertArrayEquals(new double[] {0.25, 0.25}, Stats.wilson(0.25, Double.POSITIVE_INFINITY, 2));
    assertArrayEquals(new double[] {0, 1}, Stats.wilson(0.5, 0, 2));
    assertEquals(0.0, Stats.wilson(0, 20, 1.96)[0], 1e-12);
  }
}
