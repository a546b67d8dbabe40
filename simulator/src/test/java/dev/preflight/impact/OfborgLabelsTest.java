package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.settings.ImpactSettings;
import dev.preflight.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The labels from the default buckets against the bots' own rules, transcribed here independently
 * of the settings: ofborg's {@code RebuildTagger::bucket} (NixOS/ofborg ofborg/src/tagger.rs,
 * commit eb120ff7) and nixpkgs CI's {@code getLabels} (NixOS/nixpkgs ci/eval/compare/utils.nix,
 * commit 359f8630).
 */
final class OfborgLabelsTest {
  private static final ImpactSettings S = Settings.defaults().impact();
  private static final OfborgLabels L = new OfborgLabels(S.labelBuckets(), S.largeLabelBuckets());

  /** ofborg's bucket(), an if/else chain on the count, as written in tagger.rs. */
  private static List<String> ofborgBucket(long count) {
    if (count > 5000) {
      return List.of("501+", "5001+");
    } else if (count > 2500) {
      return List.of("501+", "2501-5000");
    } else if (count > 1000) {
      return List.of("501+", "1001-2500");
    } else if (count > 500) {
      return List.of("501+", "501-1000");
    } else if (count > 100) {
      return List.of("101-500");
    } else if (count > 10) {
      return List.of("11-100");
    } else if (count > 1) {
      return List.of("1-10");
    } else if (count > 0) {
      return List.of("1", "1-10");
    } else {
      return List.of("0");
    }
  }

  /** nixpkgs CI's getLabels for one kernel: the names whose range holds the count. */
  private static Set<String> nixpkgsLabels(long n) {
    Set<String> out = new TreeSet<>();
    Object[][] table = {
      {"0", 0L, 0L},
      {"1", 1L, 1L},
      {"1-10", 1L, 10L},
      {"11-100", 11L, 100L},
      {"101-500", 101L, 500L},
      {"501-1000", 501L, 1000L},
      {"501+", 501L, null},
      {"1001-2500", 1001L, 2500L},
      {"2501-5000", 2501L, 5000L},
      {"5001+", 5001L, null},
    };
    for (Object[] row : table) {
      long from = (Long) row[1];
      Long to = (Long) row[2];
      if (from <= n && (to == null || n <= to)) {
        out.add("10.rebuild-linux: " + row[0]);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} rebuilds")
  @ValueSource(
      longs = {0, 1, 2, 10, 11, 100, 101, 500, 501, 1000, 1001, 2500, 2501, 5000, 5001, 34_271})
  void labels_equalBothBots(long count) {
    assertEquals(ofborgBucket(count), L.buckets(count), "ofborg order");
    List<String> labels = L.labels(Map.of("linux", (int) count));
    List<String> linux = new ArrayList<>();
    for (String l : labels) {
      if (l.startsWith("10.rebuild-linux")) {
        linux.add(l);
      }
    }
    assertEquals(nixpkgsLabels(count), new TreeSet<>(linux), "nixpkgs CI");
  }

  @Test
  void labels_darwinThenLinux_zeroForAMissingKernel() {
    assertEquals(
        List.of("10.rebuild-darwin: 0", "10.rebuild-linux: 11-100"), L.labels(Map.of("linux", 56)));
    // Kernels the bots do not label (freebsd) get no label line.
    assertEquals(
        List.of(
            "10.rebuild-darwin: 1",
            "10.rebuild-darwin: 1-10",
            "10.rebuild-linux: 501+",
            "10.rebuild-linux: 2501-5000"),
        L.labels(Map.of("linux", 3_000, "darwin", 1, "freebsd", 9)));
    assertEquals(
        List.of("10.rebuild-darwin: 0", "10.rebuild-linux: 1-10", "10.rebuild-linux-stdenv"),
        L.labels(Map.of("linux", 2), Set.of("linux")));
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
