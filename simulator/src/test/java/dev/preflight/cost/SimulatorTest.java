package dev.preflight.cost;

import static dev.preflight.cost.CostFixtures.SETTINGS;
import static dev.preflight.cost.CostFixtures.all;
import static dev.preflight.cost.CostFixtures.channel;
import static dev.preflight.cost.CostFixtures.finishOf;
import static dev.preflight.cost.CostFixtures.identical;
import static dev.preflight.cost.CostFixtures.pool;
import static dev.preflight.cost.CostFixtures.red;
import static dev.preflight.cost.CostFixtures.run;
import static dev.preflight.cost.CostFixtures.seconds;
import static dev.preflight.cost.CostFixtures.startOf;
import static dev.preflight.cost.CostFixtures.timed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Hand-checkable rebuilds with exact expected makespans; the comments show the schedules. */
final class SimulatorTest {

  /**
   * Two slots; a chain c1 <- c2 <- c3 <- c4 (10 s each), a hub h (1 s) needed by e1..e3, a hub g (1
   * s) needed by f1, f2 (all 10 s); f2 is in channel "release".
   */
  private static final String HUBS = "c4->c3->c2->c1, e1->h, e2->h, e3->h, f1->g, f2->g";

  private static PackageGraph hubs() {
    Map<String, UnaryOperator<NodeRecord>> edit =
        Map.of("h", seconds(1), "g", seconds(1), "f2", channel(10, "release"));
    return CostFixtures.graph(HUBS, edit);
  }

  @Test
  void chainAndFillers_fifoTakesQueueOrder_criticalPathAndHydraFinishEarly() {
    // x, y, z queue before the chain a <- b <- c (a needs b needs c), 10 s each, 2 slots.
    PackageGraph g = timed("x, y, z, a->b->c", Map.of());
    Cluster two = identical(1, 2);
    // fifo: x,y 0-10; z,c 10-20; b 20-30; a 30-40.
    assertEquals(40, run(g, two, Scheduler.FIFO).makespanSeconds());
    // critical-path: c,x 0-10; b,y 10-20; a,z 20-30.
    assertEquals(30, run(g, two, Scheduler.CRITICAL_PATH).makespanSeconds());
    // hydra: c (one reverse dependency) before x,y,z (none): the same as critical-path.
    assertEquals(30, run(g, two, Scheduler.HYDRA).makespanSeconds());
    assertEquals(30, run(g, two, Scheduler.CHANNEL_FIRST).makespanSeconds());
  }

  @Test
  void hubs_hydraPrefersReverseDependencies_criticalPathPrefersTheLongChain() {
    PackageGraph g = hubs();
    Cluster two = identical(1, 2);
    // hydra: h (3 rdeps), g (2) 0-1; c1 (1 rdep), e1 1-11; c2, e2 11-21; c3, e3 21-31;
    // c4, f1 31-41; f2 41-51.
    Run hydra = run(g, two, Scheduler.HYDRA);
    assertEquals(51, hydra.makespanSeconds());
    assertEquals(1, startOf(g, hydra, "c1"));
    // critical-path: c1 (40 left), h 0-1; g 1-2; e1 2-12; c2 10-20; e2 12-22; c3 20-30;
    // e3 22-32; c4 30-40; f1 32-42; f2 40-50.
    Run cp = run(g, two, Scheduler.CRITICAL_PATH);
    assertEquals(50, cp.makespanSeconds());
    assertEquals(50, finishOf(g, cp, "f2"));
    // fifo: c1 0-10, h 0-1; g 1-2; e1 2-12; e2 10-20; e3 12-22; f1 20-30; f2 22-32; c2 30-40;
    // c3 40-50; c4 50-60.
    assertEquals(60, run(g, two, Scheduler.FIFO).makespanSeconds());
  }

  @Test
  void hubs_channelFirst_finishesTheChannelFirst() {
    PackageGraph g = hubs();
    Simulator sim =
        Simulator.compile(all(g), identical(1, 2), Scheduler.CHANNEL_FIRST, Set.of(), SETTINGS);
    // g (blocks f2) and c1 0-1/0-10; f2 1-11; c2 10-20; h 11-12; e1 12-22; c3 20-30; e2 22-32;
    // c4 30-40; e3 32-42; f1 40-50.
    Run run = sim.run();
    assertEquals(50, run.makespanSeconds());
    assertEquals(11, finishOf(g, run, "f2"));
    Simulator named =
        Simulator.compile(
            all(g), identical(1, 2), Scheduler.CHANNEL_FIRST, Set.of("release"), SETTINGS);
    assertEquals(11, finishOf(g, named.run(), "f2"));
  }

  @Test
  void channelFirst_unknownChannel_isAnInputErrorListingTheKnownOnes() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                Simulator.compile(
                    all(hubs()),
                    identical(1, 2),
                    Scheduler.CHANNEL_FIRST,
                    Set.of("nixos-small"),
                    SETTINGS));
    assertTrue(e.getMessage().contains("known: release"), e.getMessage());
  }

  @Test
  void cycle_membersBuildInParallel_aDependentWaitsForItsOwnInputOnly() {
    // a <-> b form a cycle (4 s, 6 s); c needs a (5 s); d is independent (20 s). 3 slots.
    PackageGraph g =
        CostFixtures.graph(
            "a->b, b->a, c->a, d",
            Map.of("a", seconds(4), "b", seconds(6), "c", seconds(5), "d", seconds(20)));
    Workload w = all(g);
    assertEquals(4, w.jobCount());
    Run run = Simulator.compile(w, identical(1, 3), Scheduler.HYDRA, Set.of(), SETTINGS).run();
    // a 0-4, b 0-6 and d 0-20 at once (the cycle builds against the previous binaries); c 4-9.
    assertEquals(20, run.makespanSeconds());
    assertEquals(0, startOf(g, run, "a"));
    assertEquals(0, startOf(g, run, "b"));
    assertEquals(4, startOf(g, run, "c"));
    assertEquals(35, run.cpuSeconds());
  }

  @Test
  void speedFactor_hydraPrefersTheFastMachine_andDurationsScale() {
    PackageGraph g = timed("a, b, c", Map.of());
    Cluster c =
        new Cluster("mixed", List.of(pool("slow", 1, 1, 1.0, 0), pool("fast", 1, 1, 2.0, 0)));
    Run run = run(g, c, Scheduler.FIFO);
    // a on fast 0-5, b on slow 0-10, c on fast 5-10.
    assertEquals(10, run.makespanSeconds());
    assertEquals(5, finishOf(g, run, "a"));
    assertEquals(5, startOf(g, run, "c"));
    assertEquals(20, run.cpuSeconds());
  }

  @Test
  void failures_dependentsAreDependencyFailedAndNotBilled() {
    // a needs b needs c; c failed last time and fails again; d is independent.
    PackageGraph g = CostFixtures.graph("a->b->c, d", Map.of("c", red(10), "d", seconds(30)));
    Workload w = all(g);
    Simulator sim = Simulator.compile(w, identical(1, 2), Scheduler.HYDRA, Set.of(), SETTINGS);
    boolean[] failing =
        FailureModel.previouslyRed(g).draw(w.jobs(), new java.util.SplittableRandom(1));
    Run run = sim.run(w.points(), failing, false);
    assertEquals(1, run.built());
    assertEquals(1, run.failed());
    assertEquals(2, run.dependencyFailed());
    assertEquals(30, run.makespanSeconds());
    assertEquals(40, run.cpuSeconds()); // c's failed 10 s and d's 30 s; a and b never run
  }

  @Test
  void unplaceableSystem_isAnInputErrorNamingSystemAndCount() {
    PackageGraph g = timed("a@aarch64-darwin, b@x86_64-linux", Map.of());
    Pool linux =
        new Pool(
            "linux",
            1,
            List.of("x86_64-linux"),
            1,
            1,
            List.of(),
            List.of(),
            0,
            0,
            new Billing(1, 0),
            null);
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                Simulator.compile(
                    all(g), new Cluster("c", List.of(linux)), Scheduler.HYDRA, Set.of(), SETTINGS));
    assertTrue(e.getMessage().contains("aarch64-darwin"), e.getMessage());
    assertTrue(e.getMessage().contains("1 build "), e.getMessage());
  }

  @Test
  void bigParallel_onlyWhereTheClusterOffersIt_andMandatoryFeaturesRestrictPools() {
    // "big" is expected to take 2 h (>= bigParallelSeconds), "small" 10 s.
    PackageGraph g = CostFixtures.graph("big, small", Map.of("big", seconds(7200)));
    Pool plain =
        new Pool(
            "plain", 1, List.of("*"), 1, 1, List.of(), List.of(), 0, 0, new Billing(1, 0), null);
    Pool bp =
        new Pool(
            "bp",
            1,
            List.of("*"),
            1,
            1,
            List.of(),
            List.of(Workload.BIG_PARALLEL),
            0,
            0,
            new Billing(1, 0),
            null);
    // With a mandatory big-parallel pool, "big" must go there and "small" must not.
    Run run = run(g, new Cluster("c", List.of(plain, bp)), Scheduler.HYDRA);
    JobGraph jobs = JobGraph.all(g);
    assertEquals(1, run.machine()[jobs.jobOfNode(g.nodesNamed("big")[0])]);
    assertEquals(0, run.machine()[jobs.jobOfNode(g.nodesNamed("small")[0])]);
    // A cluster that does not know the feature builds "big" anywhere.
    Run plainOnly = run(g, new Cluster("c", List.of(plain)), Scheduler.HYDRA);
    assertEquals(7210, plainOnly.makespanSeconds());
  }

  @Test
  void bigParallel_isDroppedForSystemsWhoseBuildersLackIt() {
    // Linux has a big-parallel pool, darwin does not: the 2 h darwin build still runs on darwin.
    PackageGraph g =
        CostFixtures.graph("big@aarch64-darwin, big@x86_64-linux", Map.of("big", seconds(7200)));
    Pool linux =
        new Pool(
            "linux",
            1,
            List.of("x86_64-linux"),
            1,
            2,
            List.of(Workload.BIG_PARALLEL),
            List.of(),
            0,
            0,
            new Billing(1, 0),
            null);
    Pool mac =
        new Pool(
            "mac",
            1,
            List.of("aarch64-darwin"),
            1,
            1,
            List.of(),
            List.of(),
            0,
            0,
            new Billing(1, 0),
            null);
    Simulator sim =
        Simulator.compile(
            all(g), new Cluster("c", List.of(linux, mac)), Scheduler.HYDRA, Set.of(), SETTINGS);
    Run run = sim.run();
    assertEquals(7200, run.makespanSeconds());
    // The chain bound uses each build's fastest allowed pool: 7200 s on darwin (speed 1).
    assertEquals(7200, sim.lowerBoundSeconds());
  }

  @Test
  void autoscale_bootsForTheQueue_billsBootTime() {
    // Two 100 s builds; the pool starts empty, wants one machine per runnable build, boots 60 s.
    PackageGraph g = timed("a, b", Map.of("a", 100.0, "b", 100.0));
    Pool auto =
        new Pool(
            "auto",
            0,
            List.of("*"),
            1,
            1,
            List.of(),
            List.of(),
            3600,
            60,
            new Billing(1, 0),
            new Autoscale(0, 5, 1, 0));
    Run run = run(g, new Cluster("c", List.of(auto)), Scheduler.HYDRA);
    // Tick at 0 wants 2 machines; they take work at 60 and finish at 160; each billed 160 s.
    assertEquals(160, run.makespanSeconds());
    assertEquals(320, run.machineSecondsByPool()[0]);
    assertEquals(320, run.cost(), 1e-9); // 3600 per hour = 1 per second
    // Two of the five machines ever ran, both for the whole 160 s.
    assertEquals(2, run.peakMachinesByPool()[0]);
    assertEquals(2, run.peakMachines());
  }

  @Test
  void autoscale_stopsIdleSurplusMachinesAtTheNextEvaluation() {
    // One 1000 s build and two 100 s builds; min 1 (running at 0), 1 runnable per machine.
    PackageGraph g = timed("long, s1, s2", Map.of("long", 1000.0, "s1", 100.0, "s2", 100.0));
    Pool auto =
        new Pool(
            "auto",
            1,
            List.of("*"),
            1,
            1,
            List.of(),
            List.of(),
            0,
            0,
            new Billing(1, 0),
            new Autoscale(1, 2, 1, 0));
    Run run = run(g, new Cluster("c", List.of(auto)), Scheduler.CRITICAL_PATH);
    // long 0-1000 on m0; tick 0 boots m1 (boot 0): s1 0-100, s2 100-200; tick 300 stops m1.
    assertEquals(1000, run.makespanSeconds());
    assertEquals(1000 + 300, run.machineSecondsByPool()[0]);
    // Both machines at once from 0 to 300, then one: peak 2, mean 1.3.
    assertEquals(2, run.peakMachinesByPool()[0]);
    assertEquals(
        1.3, CostAnalysis.meanMachines(run.machineSecondsByPool(), run.makespanSeconds()), 1e-12);
  }

  @Test
  void machinesRunning_aFixedPoolRunsEveryMachineThroughout_anAutoscaledOneOnlyWhatTheQueueWants() {
    // Eight builds (three of 100 s, five of 10 s) on a fixed pool of 3 and an autoscaled pool
    // (min 0, max 40, one machine per 4 runnable builds): the maximum is 43 machines.
    PackageGraph g = timed("a, b, c, d, e, f, g, h", Map.of("a", 100.0, "b", 100.0, "c", 100.0));
    Pool fixed =
        new Pool(
            "fixed", 3, List.of("*"), 1, 1, List.of(), List.of(), 1, 0, new Billing(1, 0), null);
    Pool auto =
        new Pool(
            "auto",
            0,
            List.of("*"),
            1,
            1,
            List.of(),
            List.of(),
            1,
            0,
            new Billing(1, 0),
            new Autoscale(0, 40, 4, 0));
    Run run = run(g, new Cluster("c", List.of(fixed, auto)), Scheduler.FIFO);
    assertEquals(3, run.peakMachinesByPool()[0]);
    assertEquals(3 * run.makespanSeconds(), run.machineSecondsByPool()[0], 1e-9);
    // Tick 0: 8 runnable, 3 start on the fixed pool at once, so 5 queued want 2 machines.
    assertEquals(2, run.peakMachinesByPool()[1]);
    assertEquals(5, run.peakMachines());
    assertTrue(run.machineSecondsByPool()[1] <= 2 * run.makespanSeconds());
  }

  @Test
  void billing_roundsEachStretchUpAndAppliesTheMinimum() {
    Billing hourly = new Billing(3600, 3600);
    assertEquals(3600, hourly.billedSeconds(1));
    assertEquals(3600, hourly.billedSeconds(3600.0000000001));
    assertEquals(7200, hourly.billedSeconds(3601));
    Billing perSecond = new Billing(1, 60);
    assertEquals(60, perSecond.billedSeconds(5));
    assertEquals(61, perSecond.billedSeconds(60.2));
    // Fixed machines run for the whole rebuild: 2 machines x 30 s at 1 per second, 60 s minimum.
    PackageGraph g = timed("a", Map.of("a", 30.0));
    Pool p = new Pool("p", 2, List.of("*"), 1, 1, List.of(), List.of(), 3600, 0, perSecond, null);
    assertEquals(120, run(g, new Cluster("c", List.of(p)), Scheduler.FIFO).cost(), 1e-9);
  }

  @Test
  void emptyRebuild_costsNothing() {
    PackageGraph g = timed("a, b", Map.of());
    Workload w =
        Workload.of(
            JobGraph.of(g, new int[0]), DurationModel.estimate(g, null, SETTINGS), SETTINGS);
    Run run = Simulator.compile(w, identical(2, 2), Scheduler.HYDRA, Set.of(), SETTINGS).run();
    assertEquals(0, run.makespanSeconds());
    assertEquals(0, run.cost());
    assertEquals(0, run.built());
  }

  @Test
  void series_utilizationAndQueueAreTimeAverages() {
    // 1 slot, two 10 s builds: busy the whole time, one waiting during the first half.
    PackageGraph g = timed("a, b", Map.of());
    SETTINGS.seriesPoints();
    Run run = run(g, identical(1, 1), Scheduler.FIFO);
    Run.Series s = run.series();
    assertEquals(SETTINGS.seriesPoints(), s.size());
    for (int i = 0; i < s.size(); i++) {
      assertEquals(1.0, s.utilization()[i], 1e-9);
    }
    assertEquals(1.0, s.queued()[0], 1e-9);
    assertEquals(0.0, s.queued()[s.size() - 1], 1e-9);
    assertArrayEquals(new byte[] {Run.BUILT, Run.BUILT}, run.outcome());
  }
}
