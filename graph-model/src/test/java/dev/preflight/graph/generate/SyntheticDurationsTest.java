package dev.preflight.graph.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class SyntheticDurationsTest {

  @Test
  void sample_largeDraw_matchesTheFittedFigures() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 400_000;
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = SyntheticDurations.sample(r);
    }
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElseThrow();
    long under30 = Arrays.stream(s).filter(x -> x < 30).count();
    long overHour = Arrays.stream(s).filter(x -> x > 3600).count();
    assertEquals(26.6, s[n / 2], 0.8, "median");
    assertEquals(78.6, mean, 4, "mean");
    assertEquals(0.537, under30 / (double) n, 0.005, "under 30 s");
    assertEquals(0.00171, overHour / (double) n, 0.0003, "over one hour");
    assertTrue(s[n - 1] <= SyntheticDurations.MAX_SECONDS && s[0] > 0);
  }

  @Test
  void sample_sameSeed_sameSequence() {
    SplittableRandom a = new SplittableRandom(9);
    SplittableRandom b = new SplittableRandom(9);
    for (int i = 0; i < 1000; i++) {
      assertEquals(SyntheticDurations.sample(a), SyntheticDurations.sample(b));
    }
  }

  @Test
  void namedPackages_tableIsConsistent() {
    Set<String> bootstrapNames = new HashSet<>();
    // Names the bootstrap chains use must not be reused by named packages (ids would clash).
    for (String n :
        new String[] {
          "bash",
          "coreutils",
          "gnumake",
          "gcc",
          "glibc",
          "binutils",
          "stdenv",
          "apple-sdk",
          "clang-wrapper",
          "libcxx",
          "bootstrap-tools",
          "xz",
          "bzip2"
        }) {
      bootstrapNames.add(n);
    }
    Set<String> seen = new HashSet<>();
    for (NamedPackages.Named p : NamedPackages.all()) {
      assertTrue(seen.add(p.name()), "twice: " + p.name());
      assertTrue(!bootstrapNames.contains(p.name()), "clashes with the bootstrap: " + p.name());
      for (int in : p.inputs()) {
        assertTrue(in < seen.size() - 1, p.name() + " needs a later package");
      }
    }
    assertTrue(NamedPackages.all().size() > 100);
  }
}
