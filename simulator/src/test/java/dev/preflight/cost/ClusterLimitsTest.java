package dev.preflight.cost;

import static dev.preflight.cost.CostFixtures.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Machine and slot counts far beyond any build farm are bad input, not an out-of-memory error. */
final class ClusterLimitsTest {
  @TempDir Path dir;

  @Test
  void shorthand_aboveTheLimits_namesOptionValueAndLimit() {
    // Regression: cost --builders 2000000000 ran out of memory (exit 3).
    InputException builders =
        assertThrows(InputException.class, () -> Cluster.shorthand(2_000_000_000, 4, SETTINGS));
    assertEquals(
        "--builders must be at most 100,000 (machines per cluster), got 2000000000",
        builders.getMessage());
    InputException slots =
        assertThrows(InputException.class, () -> Cluster.shorthand(4, 1025, SETTINGS));
    assertEquals(
        "--slots must be at most 1,024 (build slots per machine), got 1025", slots.getMessage());
    Cluster atLimit = Cluster.shorthand(Cluster.MAX_MACHINES, Pool.MAX_JOBS, SETTINGS);
    assertEquals(1, atLimit.maxScale());
  }

  @Test
  void scaled_staysWithinTheMachineLimit() {
    Cluster c = Cluster.shorthand(8, 4, SETTINGS);
    assertEquals(12_500, c.maxScale());
    assertEquals(100_000, c.scaled(12_500).maxMachines());
    assertThrows(IllegalArgumentException.class, () -> c.scaled(12_501));
  }

  @Test
  void clusterFiles_aboveTheLimits_nameFileRecordValueAndLimit() throws Exception {
    assertJsonError(
        "{\"pools\": [{\"name\": \"x\", \"systems\": \"*\", \"count\": 2000000000}]}",
        ":pools[0] (x): count must be at most 100,000 (machines per cluster), got 2000000000");
    assertJsonError(
        "{\"pools\": [{\"name\": \"x\", \"systems\": \"*\", \"maxJobs\": 4096}]}",
        ":pools[0] (x): maxJobs must be at most 1,024 (build slots per machine), got 4096");
    assertJsonError(
        "{\"pools\": [{\"name\": \"x\", \"systems\": \"*\", \"autoscale\": {\"max\": 200000}}]}",
        ":pools[0] (x).autoscale: autoscale max must be at most 100,000");
    assertJsonError(
        "{\"pools\": [{\"systems\": \"*\", \"count\": 60000},"
            + " {\"systems\": \"*\", \"count\": 60000}]}",
        ":cluster: the cluster has 120,000 machines, more than the limit of 100,000 per cluster");
    Path machines = dir.resolve("machines");
    Files.writeString(machines, "a x86_64-linux - 1\nb x86_64-linux - 5000\n");
    InputException e =
        assertThrows(InputException.class, () -> ClusterFormat.load(machines, null, SETTINGS));
    assertEquals(
        machines + ":line 2: maxJobs must be at most 1,024 (build slots per machine), got 5000",
        e.getMessage());
  }

  private void assertJsonError(String text, String expected) throws Exception {
    Path f = dir.resolve("c.json");
    Files.writeString(f, text);
    InputException e =
        assertThrows(InputException.class, () -> ClusterFormat.load(f, null, SETTINGS));
    assertTrue(e.getMessage().startsWith(f + expected), e.getMessage() + " lacks " + expected);
  }
}
