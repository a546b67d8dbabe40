package dev.preflight.cost;

import static dev.preflight.cost.CostFixtures.SETTINGS;
import static dev.preflight.cost.CostFixtures.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Placement by Nix {@code requiredSystemFeatures}: graphs with features built here, clusters of
 * pools with and without them, and each schedule checked from outside (which pool each build ran
 * on, from {@link Run#machine} and the pools' machine counts) against Nix's rule transcribed here.
 */
final class PlacementTest {

  /** Nix's {@code allSupported && mandatoryMet} (src/libstore/machines.cc), written apart. */
  private static boolean nixAccepts(Pool p, List<String> required) {
    for (String f : required) {
      if (!p.features().contains(f) && !p.mandatoryFeatures().contains(f)) {
        return false;
      }
    }
    return required.containsAll(p.mandatoryFeatures());
  }

  private static Pool pool(String name, int count, List<String> features, List<String> mandatory) {
    return new Pool(
        name, count, List.of("*"), 2, 1, features, mandatory, 1, 0, new Billing(1, 0), null);
  }

  private static UnaryOperator<NodeRecord> needs(String... features) {
    return r -> r.withFeatures(List.of(features));
  }

  /** The pool of every machine, numbered as {@link Run#machine} documents. */
  private static int[] poolOfMachine(Cluster c) {
    List<Integer> out = new ArrayList<>();
    for (int p = 0; p < c.pools().size(); p++) {
      for (int m = 0; m < c.pools().get(p).maxMachines(); m++) {
        out.add(p);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Per node name, the pool its build ran on; and checks every build against Nix's rule. */
  private static Map<String, String> placed(PackageGraph g, Cluster c, Run run) {
    JobGraph jobs = JobGraph.all(g);
    int[] pools = poolOfMachine(c);
    Map<String, String> out = new HashMap<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      int machine = run.machine()[jobs.jobOfNode(v)];
      assertTrue(machine >= 0, g.name(v) + " never ran");
      Pool p = c.pools().get(pools[machine]);
      assertTrue(
          nixAccepts(p, g.requiredFeatures(v)),
          g.name(v) + " " + g.requiredFeatures(v) + " ran on " + p.name());
      out.put(g.name(v), p.name());
    }
    return out;
  }

  private static Run run(PackageGraph g, Cluster c, Scheduler s) {
    return Simulator.compile(all(g), c, s, Set.of(), SETTINGS).run();
  }

  @Test
  void bigParallelBuilds_runOnlyOnThePoolThatSupportsIt_everyScheduler() {
    // Ten builds; three need big-parallel. "big" is the only pool with the feature; "plain" is
    // larger and just as fast, so anything unconstrained would spread over both.
    Map<String, UnaryOperator<NodeRecord>> edit = new HashMap<>();
    for (String n : List.of("linux", "chromium", "gcc")) {
      edit.put(n, needs("big-parallel"));
    }
    PackageGraph g = CostFixtures.graph("linux, chromium, gcc->zlib, a, b, c, d, e, zlib, f", edit);
    Cluster c =
        new Cluster(
            "two",
            List.of(
                pool("big", 1, List.of("big-parallel"), List.of()),
                pool("plain", 4, List.of(), List.of())));
    for (Scheduler s : Scheduler.values()) {
      Run run = run(g, c, s);
      Map<String, String> where = placed(g, c, run);
      for (String n : List.of("linux", "chromium", "gcc")) {
        assertEquals("big", where.get(n), s + ": " + n);
      }
      assertTrue(where.containsValue("plain"), s + ": nothing ran on plain");
    }
    Placement p = Simulator.compile(all(g), c, Scheduler.HYDRA, Set.of(), SETTINGS).placement();
    assertEquals(PlacementRule.GRAPH_FEATURES, p.rule());
    assertEquals(Map.of("big-parallel", 3), p.buildsNeeding());
  }

  @Test
  void kvmAndBigParallel_needAPoolWithBoth_andMandatoryFeaturesKeepOthersAway() {
    PackageGraph g =
        CostFixtures.graph(
            "test, kernel, vm, hello",
            Map.of(
                "test", needs("kvm", "big-parallel"),
                "kernel", needs("big-parallel"),
                "vm", needs("kvm")));
    Cluster c =
        new Cluster(
            "three",
            List.of(
                pool("bp", 2, List.of("big-parallel"), List.of()),
                pool("kvm", 2, List.of("kvm"), List.of()),
                // Mandatory big-parallel: only builds asking for it run here (kvm is supported).
                pool("both", 1, List.of("kvm"), List.of("big-parallel"))));
    for (Scheduler s : Scheduler.values()) {
      Map<String, String> where = placed(g, c, run(g, c, s));
      assertEquals("both", where.get("test"), s.label());
      assertTrue(Set.of("bp", "both").contains(where.get("kernel")), s.label());
      assertEquals("kvm", where.get("vm"), s.label());
      assertTrue(Set.of("bp", "kvm").contains(where.get("hello")), s.label());
    }
    // Without "both", "test" fits nowhere: bp lacks kvm, kvm lacks big-parallel.
    Cluster split = new Cluster("split", c.pools().subList(0, 2));
    InputException e =
        assertThrows(
            InputException.class,
            () -> Simulator.compile(all(g), split, Scheduler.HYDRA, Set.of(), SETTINGS));
    assertTrue(
        e.getMessage().contains("big-parallel, kvm (requiredSystemFeatures)"), e.getMessage());
    assertTrue(e.getMessage().contains("(e.g. test)"), e.getMessage());
  }

  @Test
  void unplaceableBuild_isAnInputErrorNamingTheNodeAndItsFeatures_notAHang() {
    PackageGraph g =
        CostFixtures.rewrite(
            dev.preflight.graph.testing.Graphs.graph("nixos-test, hello"),
            v ->
                v == 0
                    ? new NodeRecord(
                            "/nix/store/aaaa-nixos-test.drv",
                            "nixos-test",
                            "",
                            "x86_64-linux",
                            10,
                            null,
                            null,
                            null,
                            -1,
                            Double.NaN)
                        .withFeatures(List.of("nixos-test", "kvm"))
                    : new NodeRecord(
                        "/nix/store/bbbb-hello.drv",
                        "hello",
                        "",
                        "x86_64-linux",
                        10,
                        null,
                        null,
                        null,
                        -1,
                        Double.NaN));
    Cluster c = new Cluster("plain", List.of(pool("plain", 1, List.of("kvm"), List.of())));
    InputException e =
        assertThrows(
            InputException.class,
            () -> Simulator.compile(all(g), c, Scheduler.HYDRA, Set.of(), SETTINGS));
    assertEquals(
        "cluster 'plain' has no pool that builds x86_64-linux with kvm, nixos-test"
            + " (requiredSystemFeatures), needed by 1 build (e.g. nixos-test"
            + " /nix/store/aaaa-nixos-test.drv); pools (systems; features; mandatory):"
            + " plain [*; kvm; -]",
        e.getMessage());
  }

  @Test
  void graphWithFeatureData_placesByDataOnly_longBuildsWithoutFeaturesGoAnywhere() {
    // "long" takes 2 h (the guess would want big-parallel) but the graph records features and
    // "long" has none: it may run on the plain pool, and nothing is guessed.
    PackageGraph g =
        CostFixtures.graph(
            "long, kernel",
            Map.of("long", CostFixtures.seconds(7200), "kernel", needs("big-parallel")));
    Cluster c =
        new Cluster(
            "two",
            List.of(
                pool("big", 1, List.of("big-parallel"), List.of("big-parallel")),
                pool("plain", 1, List.of(), List.of())));
    Simulator sim = Simulator.compile(all(g), c, Scheduler.HYDRA, Set.of(), SETTINGS);
    Map<String, String> where = placed(g, c, sim.run());
    assertEquals("plain", where.get("long"));
    assertEquals("big", where.get("kernel"));
    assertEquals(Map.of("big-parallel", 1), sim.placement().buildsNeeding());
  }

  @Test
  void graphWithoutFeatureData_keepsTheDurationGuess() {
    // No node records a feature: the 2 h build is guessed to need big-parallel, as before.
    PackageGraph g = CostFixtures.graph("long, short", Map.of("long", CostFixtures.seconds(7200)));
    assertTrue(!g.recordsFeatures());
    Cluster c =
        new Cluster(
            "two",
            List.of(
                pool("big", 1, List.of(), List.of("big-parallel")),
                pool("plain", 1, List.of(), List.of())));
    Simulator sim = Simulator.compile(all(g), c, Scheduler.HYDRA, Set.of(), SETTINGS);
    Map<String, String> where = new HashMap<>();
    JobGraph jobs = JobGraph.all(g);
    Run run = sim.run();
    int[] pools = poolOfMachine(c);
    for (int v = 0; v < g.nodeCount(); v++) {
      where.put(g.name(v), c.pools().get(pools[run.machine()[jobs.jobOfNode(v)]]).name());
    }
    assertEquals(Map.of("long", "big", "short", "plain"), where);
    assertEquals(PlacementRule.DURATION_GUESS, sim.placement().rule());
    assertEquals(3600, sim.placement().bigParallelSeconds());
    assertEquals(Map.of("big-parallel", 1), sim.placement().buildsNeeding());
  }
}
