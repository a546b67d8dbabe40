package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers far beyond anything real are bad input naming the option, the value and the limit (exit
 * 2), not an out-of-memory error (exit 3); and {@code --top} means the same on every command.
 */
final class NumericLimitsTest {
  private static final String HUGE = "2000000000";

  @TempDir Path dir;

  @Test
  void cost_hugeClusterOrSampleCount_isBadInputNamingTheLimit() {
    assertBad(
        Cli.runSample("cost", "--change", "zlib", "--builders", HUGE),
        "--builders must be at most 100,000 (machines per cluster), got " + HUGE);
    assertBad(
        Cli.runSample("cost", "--change", "zlib", "--slots", HUGE),
        "--slots must be at most 1,024 (build slots per machine), got " + HUGE);
    assertBad(
        Cli.runSample("cost", "--change", "zlib", "--builders", "8", "--sizes", "1,20000"),
        "--sizes must be at most 12,500 for this cluster of 8 machines");
    assertBad(
        Cli.runSample("cost", "--change", "zlib", "--samples", HUGE),
        "--samples must be between 0 and 100,000, got " + HUGE);
  }

  @Test
  void clusterFile_hugeCount_isBadInputNamingFilePoolAndLimit() throws Exception {
    Path c = dir.resolve("c.json");
    Files.writeString(
        c, "{\"pools\": [{\"name\": \"x\", \"systems\": \"*\", \"count\": " + HUGE + "}]}");
    assertBad(
        Cli.runSample("cost", "--change", "zlib", "--cluster", c.toString()),
        c + ":pools[0] (x): count must be at most 100,000");
  }

  @Test
  void planAndBatch_hugeShorthandCluster_isBadInput() throws Exception {
    assertBad(
        Cli.runSample("plan", "--change", "zlib", "--builders", HUGE),
        "--builders must be at most 100,000");
    Path out = dir.resolve("out.csv");
    Path changes = dir.resolve("changes.jsonl");
    Files.writeString(changes, "{\"id\": 1, \"changes\": [\"zlib\"]}\n");
    Cli r =
        Cli.runSample(
            "batch",
            "--engine",
            "local",
            "--changes",
            changes.toString(),
            "--slots",
            HUGE,
            "-o",
            out.toString());
    assertBad(r, "--slots must be at most 1,024");
    assertFalse(Files.exists(out));
  }

  @Test
  void plan_clusterAtTheLimit_curveStopsWhereScalingWouldPassIt() throws Exception {
    // 50,000 machines: 2x is the limit, so the curve is 1x and 2x, not 1x..64x.
    Cli r = Cli.runSample("plan", "--change", "zlib", "--builders", "50000", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode curve = new ObjectMapper().readTree(r.out).path("cost").path("curve");
    assertEquals(2, curve.size(), r.out);
    assertEquals(100_000, curve.get(1).path("machines").asInt());
  }

  @Test
  void generate_hugeNodeCount_isBadInputAndWritesNothing() {
    Path out = dir.resolve("g.json");
    Cli r = Cli.run("generate", "--nodes", HUGE, "-o", out.toString());
    assertBad(r, "--nodes must be at most 20,000,000");
    assertFalse(Files.exists(out));
  }

  @Test
  void impactCutoffSamples_andBatchSampleRows_haveLimits() {
    assertBad(
        Cli.runSample("impact", "--change", "zlib", "--policy", "cutoff", "--cutoff-trials", HUGE),
        "--cutoff-trials must be between 1 and 100,000, got " + HUGE);
    assertBad(
        Cli.run("batch", "sample", "--graph", Cli.SAMPLE, "--rows", HUGE),
        "--rows must be between 0 and 1,000,000, got " + HUGE);
  }

  @Test
  void top_zeroListsNoRows_onImpactProfileAsOnRisk() throws Exception {
    // Regression: risk --top 0 was accepted and impact --profile --top 0 rejected.
    Cli profile = Cli.runSample("impact", "--profile", "--top", "0", "--format", "json");
    assertEquals(0, profile.exitCode, profile.toString());
    JsonNode p = new ObjectMapper().readTree(profile.out);
    assertEquals(33, p.path("nodes").asInt());
    assertEquals(0, p.path("rows").size(), profile.out);
    Cli csv = Cli.runSample("impact", "--profile", "--top", "0", "--format", "csv");
    assertEquals("name,system,rebuildCount,directDependents\n", csv.out);
    Cli risk = Cli.runSample("risk", "--change", "openssl", "--top", "0", "--format", "json");
    assertEquals(0, risk.exitCode, risk.toString());
    assertEquals(0, new ObjectMapper().readTree(risk.out).path("top").size());
    assertBad(Cli.runSample("impact", "--profile", "--top", "-1"), "--top must be >= 0, got -1");
    assertBad(
        Cli.runSample("risk", "--change", "openssl", "--top", "-1"), "--top must be >= 0, got -1");
  }

  @Test
  void countsBelowTheirBound_failBeforeAnyCommandRuns_withOneWording() {
    for (String command : List.of("impact", "cost", "plan")) {
      assertBad(
          Cli.runSample(command, "--change", "zlib", "--threads", "0"),
          "--threads must be >= 1, got 0");
    }
    // Before anything binds a port.
    assertBad(Cli.run("serve", "--port", "0", "--threads", "0"), "--threads must be >= 1, got 0");
    assertBad(
        Cli.runSample("plan", "--change", "zlib", "--fail-above", "-1"),
        "--fail-above must be >= 0, got -1");
    assertBad(
        Cli.runSample("plan", "--change", "zlib", "--top", "-2"), "--top must be >= 0, got -2");
    // Before batch looks at its own required options: the bound is checked first.
    assertBad(Cli.run("batch", "--partitions", "-1"), "--partitions must be >= 0, got -1");
  }

  private static void assertBad(Cli r, String expected) {
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: "), r.err);
    assertTrue(r.err.contains(expected), r.err + " lacks " + expected);
    assertEquals(1, r.err.strip().lines().count(), r.err);
    assertEquals("", r.out);
  }
}
