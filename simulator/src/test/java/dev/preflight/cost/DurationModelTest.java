package dev.preflight.cost;

import static dev.preflight.cost.CostFixtures.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.testing.Graphs;
import dev.preflight.history.HistoryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DurationModelTest {
  /**
   * Quantiles of ln(bytes) of the summed source-file sizes ({@code Files} field) of the 34,289
   * distinct source packages in Debian bookworm main ({@code data/debian-bookworm/Sources.xz},
   * Release 12.15; a package listed twice counts once with its larger size). Sampling ln(size)
   * uniformly between neighbouring quantiles gives "Debian-like" sizes.
   */
  private static final double[] Q = {
    0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65,
    0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999, 0.9995, 0.9998, 1
  };

  private static final double[] LN_BYTES = {
    7.989, 8.753, 8.856, 8.958, 9.167, 9.439, 9.678, 9.892, 10.099, 10.306, 10.517, 10.749, 11.002,
    11.277, 11.576, 11.895, 12.258, 12.646, 13.017, 13.446, 13.976, 14.646, 15.084, 15.626, 16.29,
    16.787, 17.534, 18.221, 18.966, 19.59, 20.029, 20.675, 21.55
  };

  private static final int DEBIAN_SOURCES = 10_052;

  @TempDir Path dir;

  /** {@code n} nodes with seeded Debian-like sizes. */
  static PackageGraph debianLike(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PackageGraphBuilder b = PackageGraph.builder();
    for (int v = 0; v < n; v++) {
      double u = r.nextDouble();
      int i = 0;
      while (Q[i + 1] < u) {
        i++;
      }
      double lnSize =
          LN_BYTES[i] + (LN_BYTES[i + 1] - LN_BYTES[i]) * (u - Q[i]) / (Q[i + 1] - Q[i]);
      b.addNode(
          NodeRecord.of("s" + v + "@amd64", "s" + v, "amd64")
              .withSizeBytes(Math.round(Math.exp(lnSize))));
    }
    return b.build();
  }

  @Test
  void debianLikeSizes_oneDrawPerSource_reproduceThePublishedShape() {
    // Published: 10,052 sources, 220 CPU-hours, mean 79 s, median 27 s, 54% under 30 s,
    // 17 over an hour, the longest ~6 h. One rebuild is one draw per source.
    PackageGraph g = debianLike(DEBIAN_SOURCES, 2026);
    Durations d = DurationModel.estimate(g, null, SETTINGS);
    assertEquals(DEBIAN_SOURCES, d.count(DurationSource.SIZE));
    SplittableRandom r = new SplittableRandom(11);
    double[] x = new double[DEBIAN_SOURCES];
    for (int v = 0; v < x.length; v++) {
      x[v] = d.draw(v, r);
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    double mean = Arrays.stream(x).average().orElseThrow();
    double under30 = Arrays.stream(x).filter(s -> s < 30).count() / (double) x.length;
    long overHour = Arrays.stream(x).filter(s -> s > 3600).count();
    double longest = sorted[sorted.length - 1];
    String shape =
        String.format(
            "median %.1f s, mean %.1f s, %.1f%% under 30 s, %d over 1 h, longest %.1f h",
            median, mean, 100 * under30, overHour, longest / 3600);
    assertEquals(27, median, 2.5, shape);
    assertEquals(79, mean, 10, shape);
    assertEquals(0.54, under30, 0.025, shape);
    assertTrue(overHour >= 8 && overHour <= 30, shape);
    assertTrue(longest >= 2 * 3600 && longest <= 24 * 3600, shape);
  }

  @Test
  void debianLikeSizes_pooledDraws_matchTheTailAndTheExpectedCpuHours() {
    PackageGraph g = debianLike(DEBIAN_SOURCES, 7);
    Durations d = DurationModel.estimate(g, null, SETTINGS);
    // Expected CPU-hours: the sum of the point values (log-normal means), published 220.
    double expectedHours = 0;
    for (int v = 0; v < g.nodeCount(); v++) {
      expectedHours += d.point(v) / 3600;
    }
    assertEquals(220, expectedHours, 22, "expected CPU-hours " + expectedHours);
    // Over 20 rebuilds: 17 per rebuild over an hour, and a 1-in-10,052 quantile near 6 h.
    int rebuilds = 20;
    double[] all = new double[rebuilds * DEBIAN_SOURCES];
    SplittableRandom r = new SplittableRandom(5);
    for (int k = 0; k < rebuilds; k++) {
      for (int v = 0; v < DEBIAN_SOURCES; v++) {
        all[k * DEBIAN_SOURCES + v] = d.draw(v, r);
      }
    }
    double overHourPerRebuild =
        Arrays.stream(all).filter(s -> s > 3600).count() / (double) rebuilds;
    Arrays.sort(all);
    double tail = all[all.length - rebuilds] / 3600;
    assertEquals(17, overHourPerRebuild, 3, "over an hour per rebuild");
    assertEquals(6, tail, 2, "1-in-10,052 quantile in hours");
  }

  @Test
  void sizeModel_isOverheadPlusAPowerOfMegabytes() {
    assertEquals(20, DurationModel.sizeMedianSeconds(0, SETTINGS), 1e-9);
    assertEquals(38, DurationModel.sizeMedianSeconds(1_000_000, SETTINGS), 1e-9);
    assertEquals(
        20 + 18 * Math.pow(140, 0.89),
        DurationModel.sizeMedianSeconds(140_000_000, SETTINGS),
        1e-6);
  }

  @Test
  void noSizeNoObservation_getsThePublishedMarginal_median27Mean79() {
    PackageGraph g = Graphs.graph("a");
    Durations d = DurationModel.estimate(g, null, SETTINGS);
    assertEquals(DurationSource.DEFAULT, d.source(0));
    assertEquals(27, d.median(0), 1e-9);
    assertEquals(79, d.point(0), 0.5);
  }

  @Test
  void sources_historyBeatsGraphBeatsSizeBeatsDefault() throws Exception {
    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(NodeRecord.of("h", "h", "x").withBuildSeconds(5).withSizeBytes(1));
    b.addNode(NodeRecord.of("g", "g", "x").withBuildSeconds(42).withSizeBytes(1));
    b.addNode(NodeRecord.of("s", "s", "x").withSizeBytes(1_000_000));
    b.addNode(NodeRecord.of("d", "d", "x"));
    PackageGraph g = b.build();
    Path csv = dir.resolve("h.csv");
    Files.writeString(csv, "id,seconds,status,finishedAt\nh,300,success,2026-01-01T00:00:00Z\n");
    Durations d = DurationModel.estimate(g, HistoryFile.read(csv), SETTINGS);
    assertEquals(DurationSource.HISTORY, d.source(0));
    assertEquals(300, d.point(0));
    assertEquals(DurationSource.GRAPH, d.source(1));
    assertEquals(42, d.point(1));
    assertEquals(DurationSource.SIZE, d.source(2));
    assertEquals(38, d.median(2), 1e-9);
    assertEquals(38 * Math.exp(0.96 * 0.96 / 2), d.point(2), 1e-9);
    assertEquals(DurationSource.DEFAULT, d.source(3));
  }

  @Test
  void draws_areClampedAndReproducible() {
    PackageGraph g = debianLike(1000, 3);
    Durations d = DurationModel.estimate(g, null, SETTINGS);
    SplittableRandom a = new SplittableRandom(1);
    SplittableRandom b = new SplittableRandom(1);
    for (int v = 0; v < 1000; v++) {
      double x = d.draw(v, a);
      assertEquals(x, d.draw(v, b));
      assertTrue(x >= SETTINGS.minSeconds() && x <= SETTINGS.maxSeconds());
    }
  }
}
