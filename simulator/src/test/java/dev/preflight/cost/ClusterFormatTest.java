package dev.preflight.cost;

import static dev.preflight.cost.CostFixtures.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ClusterFormatTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("preflight.repo", "../"), "fixtures", "clusters");

  @TempDir Path dir;

  @Test
  void hydraLikeFixture_readsPoolsAutoscalingAndBilling() {
    Cluster c = ClusterFormat.load(FIXTURES.resolve("hydra-like.json"), null, SETTINGS);
    assertEquals("hydra-like", c.name());
    assertEquals(4, c.pools().size());
    Pool x86 = c.pools().get(0);
    assertEquals(16, x86.maxJobs());
    assertEquals(new Autoscale(4, 40, 2000, 600), x86.autoscale());
    assertEquals(new Billing(1, 60), x86.billing());
    Pool big = c.pools().get(1);
    assertEquals(List.of("big-parallel"), big.mandatoryFeatures());
    assertNull(big.autoscale());
    assertEquals(new Billing(1, 86400), c.pools().get(3).billing());
    assertEquals(40 + 2 + 20 + 6, c.maxMachines());
  }

  @Test
  void yamlFixture_readsTheSameShape() {
    Cluster c = ClusterFormat.load(FIXTURES.resolve("small.yaml"), null, SETTINGS);
    assertEquals("small", c.name());
    assertEquals(new Billing(3600, 3600), c.pools().get(0).billing());
    assertEquals(1.5, c.pools().get(1).speedFactor());
    assertEquals(List.of("aarch64-darwin", "x86_64-darwin"), c.pools().get(1).systems());
    assertEquals(SETTINGS.pricePerHour(), 0.34);
  }

  @Test
  void nixMachinesFixture_followsNixsFieldRules() {
    Cluster c = ClusterFormat.load(FIXTURES.resolve("machines"), null, SETTINGS);
    assertEquals(4, c.pools().size());
    Pool big = c.pools().get(2);
    assertEquals("ssh-ng://bigbox", big.name());
    assertEquals(4, big.maxJobs());
    assertEquals(2, big.speedFactor());
    assertEquals(List.of("big-parallel"), big.mandatoryFeatures());
    assertTrue(big.acceptsFeatures(List.of("big-parallel")));
    assertFalse(big.acceptsFeatures(List.of()));
    Pool mac = c.pools().get(3);
    assertEquals(2, mac.maxJobs());
    assertEquals(1, mac.speedFactor());
    assertTrue(mac.buildsSystem("x86_64-darwin"));
    assertFalse(mac.buildsSystem("x86_64-linux"));
    assertEquals(SETTINGS.pricePerHour(), mac.pricePerHour());
  }

  @Test
  void machines_semicolonsDashesZeroSpeedAndMissingSystems() throws Exception {
    Path f = dir.resolve("builders");
    Files.writeString(f, "a - - - 0 ; b x86_64-linux - 3 2.5 kvm -\n  # only a comment\n\n");
    Cluster c = ClusterFormat.load(f, null, SETTINGS);
    assertEquals(2, c.pools().size());
    assertEquals(List.of(Pool.ANY), c.pools().get(0).systems());
    assertEquals(1, c.pools().get(0).speedFactor()); // Nix: 0 means 1
    assertEquals(3, c.pools().get(1).maxJobs());
    assertEquals(2.5, c.pools().get(1).speedFactor());
  }

  @Test
  void machinesMaxJobsZero_isAcceptedAsNixDoes_andTakesNoJob() throws Exception {
    // Nix parses maxJobs as any unsigned number (src/libstore/machines.cc, parseBuilderLine) and
    // build-remote skips a machine with no free slot lock, postponing the build while a machine
    // of the right type exists (src/nix/build-remote/build-remote.cc).
    Path f = dir.resolve("machines");
    Files.writeString(f, "idle x86_64-linux - 0 4\nbusy x86_64-linux - 2 1\n");
    Cluster c = ClusterFormat.load(f, null, SETTINGS);
    assertEquals(0, c.pools().get(0).maxJobs());
    assertEquals(2, c.maxSlots());
    PackageGraph g = CostFixtures.timed("a, b, c", java.util.Map.of());
    Workload w = CostFixtures.all(g);
    Simulator sim = Simulator.compile(w, c, Scheduler.HYDRA, java.util.Set.of(), SETTINGS);
    Run run = sim.run();
    for (int j = 0; j < w.jobCount(); j++) {
      assertEquals(1, run.machine()[j], "machine 0 (pool idle) has no slot");
    }
    // The speed-4 machine has no slot: the bounds use the speed-1 one.
    assertEquals(20, run.makespanSeconds());
    assertEquals(10, sim.criticalPath().length());
    assertEquals(15, sim.lowerBoundSeconds());
    // Only slotless machines for a system: the build can never run, said in one line.
    Files.writeString(f, "idle x86_64-linux - 0 4\n");
    Cluster none = ClusterFormat.load(f, null, SETTINGS);
    InputException e =
        assertThrows(
            InputException.class,
            () -> Simulator.compile(w, none, Scheduler.HYDRA, java.util.Set.of(), SETTINGS));
    assertTrue(e.getMessage().contains("maxJobs 0"), e.getMessage());
  }

  @Test
  void badMachines_nameFileAndLine() throws Exception {
    assertMachinesError("a x86_64-linux - many\n", "line 1: maxJobs 'many'");
    assertMachinesError("\na x86_64-linux - 1 -3\n", "line 2: speedFactor must be >= 0");
    assertMachinesError("@/etc/nix/machines\n", "line 1: @file includes");
    assertMachinesError("a b c 1 1 - - - extra\n", "line 1: expected at most 8 fields");
    assertMachinesError("# nothing\n", "lists no machine");
  }

  @Test
  void badJson_namesPoolAndField() throws Exception {
    assertJsonError(
        "{\"pools\": [{\"systems\": [\"x\"], \"maxJobs\": -1}]}", "pools[0] (pool-1): maxJobs");
    assertJsonError(
        "{\"pools\": [{\"name\": \"p\", \"systems\": [\"x\"], \"maxjobs\": 2}]}",
        "pools[0] (p): unknown key 'maxjobs'");
    assertJsonError("{\"pools\": [{\"name\": \"p\"}]}", "'systems' is required");
    assertJsonError(
        "{\"pools\": [{\"systems\": \"x\", \"autoscale\": {\"min\": 3, \"max\": 2}}]}",
        "autoscale max must be >= max(min, 1)");
    assertJsonError(
        "{\"pools\": [{\"systems\": \"x\", \"count\": 9, \"autoscale\": {\"max\": 2}}]}",
        "count 9 must lie within autoscale");
    assertJsonError("{\"pools\": []}", "non-empty array 'pools'");
    assertJsonError("{\"pools\": [\n{\"systems\": [\"x\"],}\n]}", "line 2: malformed cluster");
    assertJsonError(
        "{\"pools\": [{\"systems\": \"x\", \"count\": 1.5}]}", "'count' must be a whole number");
  }

  @Test
  void badYamlSyntax_isOneLineNamingTheLine() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "pools:\n  - name: a\n    systems: [x]\n  - name: b\n   bad: [\n");
    InputException e =
        assertThrows(InputException.class, () -> ClusterFormat.load(f, null, SETTINGS));
    assertEquals("line 5", e.location(), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.problem().startsWith("malformed cluster: while parsing"), e.getMessage());
  }

  @Test
  void misspeltKey_suggestsTheKnownOne() throws Exception {
    assertJsonError(
        "{\"pools\": [{\"name\": \"p\", \"systems\": [\"x\"], \"maxJbos\": 2}]}",
        "unknown key 'maxJbos': did you mean 'maxJobs'? (known: ");
  }

  @Test
  void formats_byExtensionAndByName() {
    assertEquals(ClusterFormat.JSON, ClusterFormat.byExtension(Path.of("a.JSON")));
    assertEquals(ClusterFormat.YAML, ClusterFormat.byExtension(Path.of("a.yml")));
    assertEquals(ClusterFormat.MACHINES, ClusterFormat.byExtension(Path.of("machines")));
    assertEquals(ClusterFormat.YAML, ClusterFormat.byName("yaml"));
    InputException e = assertThrows(InputException.class, () -> ClusterFormat.byName("toml"));
    assertTrue(e.getMessage().contains("known: json, yaml, machines"), e.getMessage());
  }

  @Test
  void scaled_multipliesCountsAndAutoscaleBounds() {
    Cluster c = ClusterFormat.load(FIXTURES.resolve("hydra-like.json"), null, SETTINGS).scaled(3);
    assertEquals(12, c.pools().get(0).count());
    assertEquals(new Autoscale(12, 120, 2000, 600), c.pools().get(0).autoscale());
    assertEquals(3 * 68, c.maxMachines());
  }

  private void assertMachinesError(String text, String expected) throws Exception {
    Path f = dir.resolve("machines");
    Files.writeString(f, text);
    InputException e =
        assertThrows(InputException.class, () -> ClusterFormat.load(f, null, SETTINGS));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage() + " lacks " + expected);
  }

  private void assertJsonError(String text, String expected) throws Exception {
    Path f = dir.resolve("c.json");
    Files.writeString(f, text);
    InputException e =
        assertThrows(InputException.class, () -> ClusterFormat.load(f, null, SETTINGS));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage() + " lacks " + expected);
  }
}
