package dev.preflight.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.cost.Cluster;
import dev.preflight.cost.ClusterFormat;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.Policy;
import dev.preflight.settings.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PlanAnalysisTest {
  private static final Path REPO = Path.of(System.getProperty("preflight.repo", ".."));
  private static final Settings SETTINGS = Settings.defaults();

  private static PackageGraph sample() {
    return GraphFormat.load(
        REPO.resolve("fixtures/sample/nixpkgs-sample.json"), null, Progress.NONE);
  }

  /**
   * Regression: on hydra-like (pools at speed 1 and 2) the cost simulation divided each build's
   * seconds by its machine's speed while the risk analysis priced the rebuild at speed 1 (4.2
   * against 6.98 CPU-hours for glibc).
   */
  @Test
  void analyze_speedFactorCluster_costAndRiskCountTheSameCpuHours() {
    PackageGraph g = sample();
    Cluster cluster =
        ClusterFormat.load(
            REPO.resolve("fixtures/clusters/hydra-like.json"), null, SETTINGS.cost());
    Changes glibc = new ChangeResolver(g).resolve(List.of("glibc"));
    PlanAnalysis.Result r =
        new PlanAnalysis(g, SETTINGS, null)
            .analyze(
                glibc,
                Policy.TRANSITIVE,
                PlanAnalysis.Request.defaults(cluster, SETTINGS, true),
                null,
                Progress.NONE);
    double speedOne = r.workload().totalWork() / 3600;
    assertTrue(r.cost().cpuHours() < speedOne - 1, "fast pools spend fewer CPU-hours");
    assertEquals(r.cost().cpuHours(), r.risk().buildFirst().totalHours(), 1e-9);
    assertEquals(r.impact().rebuildCount(), r.workload().jobs().buildCount());
  }

  @Test
  void analyze_cutoff_givesTheImpactOnly() {
    PackageGraph g = sample();
    Changes zlib = new ChangeResolver(g).resolve(List.of("zlib"));
    PlanAnalysis.Result r =
        new PlanAnalysis(g, SETTINGS, null)
            .analyze(
                zlib,
                Policy.CUTOFF,
                PlanAnalysis.Request.defaults(
                    Cluster.shorthand(2, 2, SETTINGS.cost()), SETTINGS, true),
                null,
                Progress.NONE);
    assertNotEquals(null, r.impact().cutoff());
    assertNull(r.cost());
    assertNull(r.risk());
  }
}
