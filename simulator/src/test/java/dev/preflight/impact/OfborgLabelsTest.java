package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.settings.ImpactSettings;
import dev.preflight.settings.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Boundaries as in NixOS/ofborg ofborg/src/tagger.rs, RebuildTagger::bucket. */
final class OfborgLabelsTest {
  private static final ImpactSettings S = Settings.defaults().impact();
  private static final OfborgLabels L = new OfborgLabels(S.labelBuckets(), S.largeLabelBuckets());

  @Test
  void buckets_matchOfborgAtEveryBoundary() {
    assertEquals(List.of("0"), L.buckets(0));
    assertEquals(List.of("1-10"), L.buckets(1));
    assertEquals(List.of("1-10"), L.buckets(10));
    assertEquals(List.of("11-100"), L.buckets(11));
    assertEquals(List.of("11-100"), L.buckets(100));
    assertEquals(List.of("101-500"), L.buckets(101));
    assertEquals(List.of("101-500"), L.buckets(500));
    assertEquals(List.of("501+", "501-1000"), L.buckets(501));
    assertEquals(List.of("501+", "501-1000"), L.buckets(1000));
    assertEquals(List.of("501+", "1001-2500"), L.buckets(1001));
    assertEquals(List.of("501+", "1001-2500"), L.buckets(2500));
    assertEquals(List.of("501+", "2501-5000"), L.buckets(2501));
    assertEquals(List.of("501+", "2501-5000"), L.buckets(5000));
    assertEquals(List.of("501+", "5001+"), L.buckets(5001));
    assertEquals(List.of("501+", "5001+"), L.buckets(34_271));
  }

  @Test
  void labels_darwinThenLinux_zeroForAMissingKernel() {
    assertEquals(
        List.of("10.rebuild-darwin: 0", "10.rebuild-linux: 11-100"), L.labels(Map.of("linux", 56)));
    // Kernels ofborg does not label (freebsd) get no label line.
    assertEquals(
        List.of("10.rebuild-darwin: 1-10", "10.rebuild-linux: 501+", "10.rebuild-linux: 2501-5000"),
        L.labels(Map.of("linux", 3_000, "darwin", 1, "freebsd", 9)));
  }

  @Test
  void parse_rejectsMalformedBuckets() {
    assertThrows(IllegalArgumentException.class, () -> OfborgLabels.parse("10-1"));
    assertThrows(IllegalArgumentException.class, () -> OfborgLabels.parse("ten"));
    assertThrows(
        dev.preflight.graph.InputException.class,
        () -> Settings.withOverrides("{\"impact\": {\"labelBuckets\": [\"0\", \"x\"]}}"));
  }
}
