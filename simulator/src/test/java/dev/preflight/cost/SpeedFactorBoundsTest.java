package dev.preflight.cost;

import static dev.preflight.cost.CostFixtures.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.generate.GeneratorSpec;
import dev.preflight.graph.generate.NixpkgsGenerator;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Policy;
import dev.preflight.impact.ReverseClosure;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Regression (issue 14): the critical path and the lower bound honour speed factors. */
final class SpeedFactorBoundsTest {
  private static final Path CLUSTERS =
      Path.of(System.getProperty("preflight.repo", "../"), "fixtures", "clusters");

  @Test
  void glibcOnHydraLike_criticalPathAndLowerBoundStayBelowTheMakespan() {
    // preflight generate --nodes 20000 --seed 1; cost --change glibc --cluster hydra-like.json
    // printed a critical path (at speed 1) longer than the makespan: the big-parallel pool runs
    // at speed 2.
    PackageGraph g = NixpkgsGenerator.generate(GeneratorSpec.of(20_000, 1), Progress.NONE);
    int[] set =
        new ReverseClosure(g)
            .closure(new ChangeResolver(g).resolve(List.of("glibc")), Policy.TRANSITIVE)
            .nodes();
    Workload w =
        Workload.of(JobGraph.of(g, set), DurationModel.estimate(g, null, SETTINGS), SETTINGS);
    Cluster c = ClusterFormat.load(CLUSTERS.resolve("hydra-like.json"), null, SETTINGS);
    for (Scheduler s : Scheduler.values()) {
      Simulator sim = Simulator.compile(w, c, s, Set.of(), SETTINGS);
      double makespan = sim.run().makespanSeconds();
      double critical = sim.criticalPath().length();
      assertTrue(critical <= makespan + 1e-6, s + ": critical path " + critical + " > " + makespan);
      assertTrue(sim.lowerBoundSeconds() <= makespan + 1e-6, s + ": LB above the makespan");
      // The bug: the speed-1 chain is longer than this cluster's makespan.
      assertTrue(w.criticalPathSeconds() > makespan, s + ": the old bound was not violated here");
    }
  }

  @Test
  void criticalPath_usesTheFastestPoolThatBuildsTheSystem_notAFasterForeignOne() {
    // x86 builds only on a speed-1 pool; a speed-4 pool builds only aarch64.
    PackageGraph g =
        CostFixtures.timed(
            "a@x86_64-linux->b@x86_64-linux, c@aarch64-linux",
            java.util.Map.of("a", 100.0, "b", 100.0, "c", 400.0));
    Cluster c =
        new Cluster(
            "mixed", List.of(pool("x86", "x86_64-linux", 1.0), pool("arm", "aarch64-linux", 4.0)));
    Simulator sim = Simulator.compile(CostFixtures.all(g), c, Scheduler.HYDRA, Set.of(), SETTINGS);
    assertEquals(200, sim.criticalPath().length());
    assertEquals(200, sim.run().makespanSeconds());
  }

  @Test
  void hydraRanksMachinesBySpeedTimesSlots_hydraLegacyByLoadOverSpeed() {
    // One 100 s build; pool "fast" speed 2 with 1 slot (score 2), pool "wide" speed 1 with 4
    // slots (score 4). The Rust queue runner takes the higher score; the C++ dispatcher the
    // faster machine (equal round(load / speed) = 0, then faster).
    PackageGraph g = CostFixtures.timed("a", java.util.Map.of("a", 100.0));
    Cluster c =
        new Cluster(
            "two",
            List.of(pool("fast", "x86_64-linux", 2.0, 1), pool("wide", "x86_64-linux", 1.0, 4)));
    Workload w = CostFixtures.all(g);
    assertEquals(
        100, Simulator.compile(w, c, Scheduler.HYDRA, Set.of(), SETTINGS).run().makespanSeconds());
    assertEquals(
        50,
        Simulator.compile(w, c, Scheduler.HYDRA_LEGACY, Set.of(), SETTINGS)
            .run()
            .makespanSeconds());
    // Either way the bounds take the fastest eligible pool.
    assertEquals(
        50, Simulator.compile(w, c, Scheduler.HYDRA, Set.of(), SETTINGS).criticalPath().length());
  }

  private static Pool pool(String name, String system, double speed) {
    return pool(name, system, speed, 2);
  }

  private static Pool pool(String name, String system, double speed, int slots) {
    return new Pool(
        name,
        1,
        List.of(system),
        slots,
        speed,
        List.of(),
        List.of(),
        1,
        0,
        Cluster.defaultBilling(SETTINGS),
        null);
  }
}
