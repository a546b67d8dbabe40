package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CostCommandTest {
  private static final Path CLUSTERS =
      Path.of(System.getProperty("preflight.repo", "../"), "fixtures", "clusters");

  @TempDir Path dir;

  /** c <- b <- a (a needs b needs c), d needs c; c 30 s, b 10 s, a 10 s, d 5 s; d in "small". */
  private Path graph() throws Exception {
    Path g = dir.resolve("g.json");
    Files.writeString(
        g,
        "{\"schemaVersion\":1,\"nodes\":["
            + "{\"id\":\"a\",\"system\":\"x86_64-linux\",\"buildSeconds\":10},"
            + "{\"id\":\"b\",\"system\":\"x86_64-linux\",\"buildSeconds\":10},"
            + "{\"id\":\"c\",\"system\":\"x86_64-linux\",\"buildSeconds\":30,\"lastStatus\":\"RED\"},"
            + "{\"id\":\"d\",\"system\":\"x86_64-linux\",\"buildSeconds\":5,"
            + "\"channels\":[\"small\"]},"
            + "{\"id\":\"e\",\"system\":\"x86_64-linux\",\"buildSeconds\":7}],"
            + "\"edges\":[[\"a\",\"b\"],[\"b\",\"c\"],[\"d\",\"c\"]]}");
    return g;
  }

  private Cli cost(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("cost", "--graph", graph().toString()));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void json_hasTheKeysScriptsRelyOn_withExactValues() throws Exception {
    Cli r = cost("--change", "c", "--builders", "1", "--slots", "2", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = new ObjectMapper().readTree(r.out);
    assertEquals("schemaVersion", j.fieldNames().next());
    assertEquals(1, j.get("schemaVersion").asInt());
    assertEquals(4, j.get("builds").asInt()); // c, b, d, a; e is untouched
    // c 0-30; b and d 30-40 / 30-35; a 40-50.
    assertEquals(50, j.get("makespanSeconds").asDouble());
    assertEquals(55.0 / 3600, j.get("cpuHours").asDouble(), 1e-4);
    assertEquals(60 * 0.34 / 3600, j.get("cost").asDouble(), 1e-4);
    assertEquals(50, j.get("lowerBoundSeconds").asDouble());
    assertEquals(50, j.get("criticalPathSeconds").asDouble());
    assertEquals("[\"c\",\"b\",\"a\"]", j.get("criticalPath").toString());
    assertEquals(35, j.get("channels").get("small").asDouble());
    assertTrue(j.get("utilization").isArray());
    assertEquals(48, j.get("utilization").size());
    assertTrue(j.get("utilization").get(0).has("fraction"));
    assertTrue(j.get("queue").isArray());
    assertFalse(j.has("curve"));
    assertFalse(j.has("samples"));
    assertEquals("", r.err);
  }

  @Test
  void sizes_giveACurveWithAKnee() throws Exception {
    Cli r = cost("--all", "--builders", "1", "--slots", "1", "--sizes", "4,1,2", "-f", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = new ObjectMapper().readTree(r.out);
    JsonNode curve = j.get("curve");
    assertEquals(3, curve.size());
    assertEquals(1, curve.get(0).get("size").asInt());
    assertEquals(62, curve.get(0).get("makespanSeconds").asDouble()); // one slot: all the work
    assertEquals(4, curve.get(2).get("size").asInt());
    assertEquals(50, curve.get(2).get("makespanSeconds").asDouble()); // the critical path
    assertTrue(curve.get(0).has("cost"));
    assertTrue(j.has("knee"));
  }

  @Test
  void samples_areDeterministicForASeed() throws Exception {
    Cli a = cost("--all", "--samples", "20", "--seed", "3", "-f", "json");
    Cli b = cost("--all", "--samples", "20", "--seed", "3", "-f", "json", "--threads", "1");
    assertEquals(0, a.exitCode, a.toString());
    assertEquals(a.out, b.out);
    JsonNode s = new ObjectMapper().readTree(a.out).get("samples");
    assertEquals(20, s.get("count").asInt());
    assertTrue(s.get("makespanP50").asDouble() <= s.get("makespanP90").asDouble());
  }

  @Test
  void failRed_reportsOutcomesAndBlockedChannels() throws Exception {
    Cli r = cost("--change", "c", "--fail-red", "-f", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = new ObjectMapper().readTree(r.out);
    assertEquals(1, j.get("outcomes").get("failed").asInt());
    assertEquals(3, j.get("outcomes").get("dependencyFailed").asInt());
    assertEquals("[\"small\"]", j.get("blockedChannels").toString());
  }

  @Test
  void table_isForPeople_andCsvIsTheCurve() throws Exception {
    Cli t = cost("--change", "c", "--builders", "2");
    assertEquals(0, t.exitCode, t.toString());
    assertTrue(t.out.contains("makespan        50s (50 s)"), t.out);
    assertTrue(t.out.contains("critical path"), t.out);
    Cli c = cost("--all", "--sizes", "1,2", "-f", "csv");
    assertEquals(0, c.exitCode, c.toString());
    List<String> lines = c.out.lines().toList();
    assertEquals(
        "size,machines,peakMachines,meanMachines,slots,builds,makespanSeconds,cpuHours,cost,currency",
        lines.get(0));
    assertEquals(3, lines.size());
  }

  @Test
  void clusterFixtures_allFormatsRun() throws Exception {
    for (String f : List.of("hydra-like.json", "small.yaml", "machines")) {
      Cli r = cost("--all", "--cluster", CLUSTERS.resolve(f).toString(), "-f", "json");
      assertEquals(0, r.exitCode, f + ": " + r);
    }
  }

  @Test
  void historyFile_overridesGraphDurations() throws Exception {
    Path h = dir.resolve("h.csv");
    Files.writeString(h, "id,seconds,status,finishedAt\nc,100,success,2026-01-01T00:00:00Z\n");
    Cli r = cost("--change", "c", "--history", h.toString(), "-f", "json");
    JsonNode j = new ObjectMapper().readTree(r.out);
    assertEquals(120, j.get("criticalPathSeconds").asDouble());
    assertEquals(1, j.get("durationSources").get("history").asInt());
  }

  @Test
  void output_isWrittenToTheFileAndStdoutStaysEmpty() throws Exception {
    Path out = dir.resolve("cost.json");
    Cli r = cost("--all", "-f", "json", "-o", out.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertTrue(Files.readString(out).startsWith("{\n  \"schemaVersion\": 1"));
  }

  @Test
  void badUsage_isOneLineExit2() throws Exception {
    assertBad(cost(), "name a change (--change, --changes-file) or use --all");
    assertBad(cost("--all", "--change", "a"), "--all rebuilds every node");
    assertBad(
        cost("--all", "--scheduler", "lifo"),
        "known: hydra, hydra-critical-path, hydra-legacy, fifo, critical-path, channel-first");
    assertBad(cost("--all", "--order", "level"), "did you mean 'levels'");
    assertBad(cost("--all", "--order", "zzz"), "known: dependencies, levels, independent");
    assertBad(cost("--change", "zz"), "unknown package 'zz'");
    assertBad(cost("--change", "c", "--policy", "cutoff"), "cutoff policy is random");
    assertBad(
        cost("--all", "--cluster", CLUSTERS.resolve("small.yaml").toString(), "--builders", "2"),
        "exclude each other");
    assertBad(cost("--all", "--sizes", "0"), "--sizes must be whole numbers >= 1");
    assertBad(cost("--all", "--format", "xml"), "known: table, json, csv");
    assertBad(cost("--all", "--channel", "small"), "--channel only applies to --scheduler");
    assertBad(
        cost("--all", "--scheduler", "channel-first", "--channel", "big"), "unknown channel 'big'");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"pools\": [\n{\"systems\": [\"*\"], \"maxJobs\": -1}]}");
    assertBad(cost("--all", "--cluster", bad.toString()), bad + ":pools[0] (pool-1): maxJobs");
  }

  /** A graph with Nix features: kernel needs big-parallel, test needs kvm and big-parallel. */
  private Path featureGraph() throws Exception {
    Path g = dir.resolve("features.json");
    Files.writeString(
        g,
        "{\"schemaVersion\":1,\"nodes\":["
            + "{\"id\":\"kernel\",\"system\":\"x86_64-linux\",\"buildSeconds\":60,"
            + "\"features\":[\"big-parallel\"]},"
            + "{\"id\":\"test\",\"system\":\"x86_64-linux\",\"buildSeconds\":30,"
            + "\"features\":[\"kvm\",\"big-parallel\"]},"
            + "{\"id\":\"hello\",\"system\":\"x86_64-linux\",\"buildSeconds\":5}],"
            + "\"edges\":[[\"test\",\"kernel\"]]}");
    return g;
  }

  @Test
  void placement_isReportedWithItsRule_inTableAndJson() throws Exception {
    String g = featureGraph().toString();
    Cli table = Cli.run("cost", "--graph", g, "--all");
    assertEquals(0, table.exitCode, table.toString());
    assertTrue(
        table.out.contains(
            "placement       requiredSystemFeatures from the graph"
                + " (2 builds need big-parallel, 1 build needs kvm)"),
        table.out);
    Cli json = Cli.run("cost", "--graph", g, "--all", "--format", "json");
    assertEquals(
        "{\"rule\":\"requiredSystemFeatures\",\"buildsNeeding\":{\"big-parallel\":2,\"kvm\":1}}",
        new ObjectMapper().readTree(json.out).get("placement").toString());
    // Without feature data: the guess, with its threshold.
    Cli guess = cost("--all", "--format", "json");
    assertEquals(
        "{\"rule\":\"durationGuess\",\"bigParallelSeconds\":3600.0,\"buildsNeeding\":{}}",
        new ObjectMapper().readTree(guess.out).get("placement").toString());
    assertTrue(
        cost("--all")
            .out
            .contains(
                "placement       big-parallel guessed from durations >= 1h 00m"
                    + " (no feature data; no build needs it)"));
  }

  @Test
  void unplaceableBuild_isOneLineExit2_namingTheNodeAndItsFeatures() throws Exception {
    Path machines = dir.resolve("machines");
    Files.writeString(
        machines, "ssh://a x86_64-linux - 4 1 big-parallel\nssh://b x86_64-linux - 4 1 kvm\n");
    assertBad(
        Cli.run(
            "cost",
            "--graph",
            featureGraph().toString(),
            "--all",
            "--cluster",
            machines.toString()),
        "has no pool that builds x86_64-linux with big-parallel, kvm (requiredSystemFeatures),"
            + " needed by 1 build (e.g. test)");
  }

  private static void assertBad(Cli r, String expected) {
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: "), r.err);
    assertTrue(r.err.contains(expected), r.err + " lacks " + expected);
    assertEquals(1, r.err.strip().lines().count(), r.err);
    assertEquals("", r.out);
  }

  /**
   * The hydra-like cluster may run 68 machines (autoscaling maxima) but a small rebuild keeps the
   * autoscaled pools at their minimum: the report shows the machines that ran.
   */
  @Test
  void machinesRunning_areReportedPerPoolAndInTheCurve_notOnlyTheMaxima() throws Exception {
    Cli r =
        Cli.runSample(
            "cost",
            "--change",
            "zlib",
            "--cluster",
            CLUSTERS.resolve("hydra-like.json").toString(),
            "--sizes",
            "1,2",
            "--format",
            "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = new ObjectMapper().readTree(r.out);
    assertEquals("USD", j.get("currency").asText());
    assertFalse(j.get("currencyAssumed").asBoolean());
    JsonNode linux = j.get("pools").get(0);
    assertEquals("x86_64-linux", linux.get("name").asText());
    assertEquals(40, linux.get("maxMachines").asInt());
    assertEquals(4, linux.get("peakMachines").asInt());
    assertEquals(
        linux.get("machineHours").asDouble() * 3600 / j.get("makespanSeconds").asDouble(),
        linux.get("meanMachines").asDouble(),
        1e-3);
    int peak = 0;
    for (JsonNode p : j.get("pools")) {
      peak += p.get("peakMachines").asInt();
    }
    assertTrue(j.get("peakMachines").asInt() <= peak);
    JsonNode first = j.get("curve").get(0);
    assertEquals(68, first.get("machines").asInt());
    assertEquals(j.get("peakMachines").asInt(), first.get("peakMachines").asInt());

    Cli t =
        Cli.runSample(
            "cost",
            "--change",
            "zlib",
            "--cluster",
            CLUSTERS.resolve("hydra-like.json").toString());
    assertTrue(t.out.contains("machines        peak 14 of 68 running"), t.out);
    assertTrue(t.out.contains("cost (USD)"), t.out);
  }

  @Test
  void whatIfs_priceAutoscaleAndCurrency_changeTheClusterWithoutAFile() throws Exception {
    Cli base = cost("--all", "--builders", "2", "--format", "json");
    Cli priced =
        cost(
            "--all",
            "--builders",
            "2",
            "--price",
            "0.68/h",
            "--currency",
            "EUR",
            "--format",
            "json");
    assertEquals(0, priced.exitCode, priced.toString());
    JsonNode b = new ObjectMapper().readTree(base.out);
    JsonNode p = new ObjectMapper().readTree(priced.out);
    assertEquals(2 * b.get("cost").asDouble(), p.get("cost").asDouble(), 1e-3);
    assertEquals("EUR", p.get("currency").asText());
    assertEquals("2x4 (--price builders=0.68/h, --currency EUR)", p.get("cluster").asText());

    Cli scaled =
        Cli.runSample(
            "cost",
            "--change",
            "zlib",
            "--cluster",
            CLUSTERS.resolve("hydra-like.json").toString(),
            "--autoscale",
            "x86_64-linux=8..80,darwin=2",
            "--format",
            "json");
    assertEquals(0, scaled.exitCode, scaled.toString());
    JsonNode s = new ObjectMapper().readTree(scaled.out);
    assertEquals(80, s.get("pools").get(0).get("maxMachines").asInt());
    assertEquals(8, s.get("pools").get(0).get("peakMachines").asInt());
    assertEquals(2, s.get("pools").get(3).get("maxMachines").asInt());
  }

  @Test
  void whatIfs_badValues_areOneLineErrorsExit2() throws Exception {
    String hydra = CLUSTERS.resolve("hydra-like.json").toString();
    String[][] cases = {
      {"--price", "cheap", "--price 'cheap' is not a price per machine-hour"},
      {"--price", "-1", "--price '-1' is not a price per machine-hour"},
      {"--autoscale", "9..3", "--autoscale builders=9..3: MIN must not exceed MAX"},
      {"--autoscale", "0", "--autoscale builders=0: the pool needs a machine"},
      {"--autoscale", "lots", "--autoscale 'lots' is not MIN..MAX or a fixed count N"},
      {"--currency", "usd", "--currency: currency must be an ISO 4217 code"},
      {"--currency", "XYZ", "--currency: currency 'XYZ' is not an ISO 4217 code"},
      {"--price", "darwn=1", "unknown pool in --price 'darwn'"},
      {"--price", "1", "--price '1' must name its pool on a cluster of 4 pools"},
      {"--price", "darwin=1,darwin=2", "--price names pool 'darwin' twice"},
    };
    for (String[] c : cases) {
      boolean onHydra =
          c[2].contains("darwn") || c[2].contains("4 pools") || c[2].contains("twice");
      Cli r =
          onHydra
              ? Cli.runSample("cost", "--change", "zlib", "--cluster", hydra, c[0], c[1])
              : cost("--all", c[0], c[1]);
      assertEquals(2, r.exitCode, r.toString());
      assertTrue(r.err.startsWith("preflight: error: " + c[2]), c[1] + ": " + r.err);
      assertEquals(1, r.err.strip().lines().count(), r.err);
      assertEquals("", r.out);
    }
  }

  @Test
  void clusterFile_currency_isValidatedAndShown() throws Exception {
    Path eur = dir.resolve("eur.yaml");
    Files.writeString(eur, "currency: EUR\npools:\n  - systems: [\"*\"]\n    pricePerHour: 0.5\n");
    Cli r = cost("--all", "--cluster", eur.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.matches("(?s).*\ncost +[0-9.,]+ EUR\n.*"), r.out);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "currency: Euro\npools:\n  - systems: [\"*\"]\n");
    Cli b = cost("--all", "--cluster", bad.toString());
    assertEquals(2, b.exitCode, b.toString());
    assertTrue(b.err.contains("currency must be an ISO 4217 code"), b.err);
    // Prices without a currency: the settings' USD, said to be assumed.
    Path none = dir.resolve("none.yaml");
    Files.writeString(none, "pools:\n  - systems: [\"*\"]\n    pricePerHour: 0.5\n");
    Cli n = cost("--all", "--cluster", none.toString());
    assertTrue(
        n.out.contains("USD (assumed: the cluster file sets prices but names no currency)"), n.out);
  }

  @Test
  void sparkline_drawsLowUtilizationAsTheLowestTick_andTheCurveHeadsEveryColumn() throws Exception {
    Cli r =
        Cli.runSample(
            "cost",
            "--change",
            "zlib",
            "--cluster",
            CLUSTERS.resolve("hydra-like.json").toString(),
            "--sizes",
            "1,2");
    String util = r.out.lines().filter(l -> l.startsWith("utilization")).findFirst().orElseThrow();
    // Utilization is about 1% throughout: each bin shows the lowest tick, never a blank.
    assertTrue(util.matches("utilization +▁{48} mean 1%"), util);
    String header = r.out.lines().filter(l -> l.startsWith("size")).findFirst().orElseThrow();
    assertTrue(header.endsWith("CPU-hours  knee"), header);
  }
}
