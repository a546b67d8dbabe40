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

final class RiskCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HISTORY = "../fixtures/history/nixpkgs-sample-history.csv";
  private static final String SAMPLE = "../fixtures/sample/nixpkgs-sample.json";

  /** {@code preflight risk --graph SAMPLE args...}: the nixpkgs-like sample with red nodes. */
  private static Cli risk(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "risk";
    all[1] = "--graph";
    all[2] = SAMPLE;
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.runSample(all);
  }

  @TempDir Path dir;

  private static JsonNode json(Cli r) throws Exception {
    assertEquals(0, r.exitCode, r.toString());
    return JSON.readTree(r.out);
  }

  @Test
  void json_hasTheKeysScriptsRelyOn_inOrder() throws Exception {
    JsonNode j = json(risk("--change", "openssl", "--format", "json"));
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals("schemaVersion", keys.get(0));
    for (String k :
        List.of(
            "rebuildCount",
            "newlyAtRisk",
            "alreadyBroken",
            "unknown",
            "expectedNewFailures",
            "interval",
            "top",
            "buildFirst",
            "sample")) {
      assertTrue(keys.contains(k), k + " missing from " + keys);
    }
    // The sample graph: openssl rebuilds 16 nodes; git.x86_64-linux and firefox.aarch64-darwin
    // were red, python3Packages.urllib3.x86_64-linux has no previous result.
    assertEquals(16, j.get("rebuildCount").asInt());
    assertEquals(13, j.get("newlyAtRisk").asInt());
    assertEquals(2, j.get("alreadyBroken").asInt());
    assertEquals(1, j.get("unknown").asInt());
    double expected = j.get("expectedNewFailures").asDouble();
    JsonNode iv = j.get("interval");
    assertTrue(iv.get("low").asDouble() <= expected && expected <= iv.get("high").asDouble());
    assertEquals(0.95, iv.get("confidence").asDouble());
    assertTrue(iv.get("high").asDouble() <= 14);
    JsonNode top = j.get("top");
    assertEquals(10, top.size());
    for (JsonNode row : top) {
      assertTrue(row.get("name").isTextual());
      double p = row.get("probability").asDouble();
      assertTrue(p > 0 && p < 1);
      assertTrue(row.get("reasons").size() >= 2);
      assertFalse(row.get("class").asText().equals("alreadyBroken"));
    }
    assertTrue(j.get("buildFirst").size() >= 1);
    assertEquals(j.get("samplingPlan").get("samples").asInt(), j.get("sample").size());
    assertEquals(3, j.get("bySystem").get("x86_64-linux").size());
  }

  @Test
  void output_isDeterministic() {
    Cli a = risk("--change", "zlib", "--format", "json", "--history", HISTORY);
    Cli b = risk("--change", "zlib", "--format", "json", "--history", HISTORY);
    assertEquals(0, a.exitCode, a.toString());
    assertEquals(a.out, b.out);
  }

  @Test
  void history_changesTheScores_andNamesItsSize() throws Exception {
    JsonNode without = json(risk("--change", "zlib", "--format", "json"));
    JsonNode with = json(risk("--change", "zlib", "--format", "json", "--history", HISTORY));
    assertEquals(0, without.get("model").get("historyEntries").asInt());
    assertEquals(397, with.get("model").get("historyEntries").asInt());
    assertFalse(
        without.get("expectedNewFailures").asDouble()
            == with.get("expectedNewFailures").asDouble());
  }

  @Test
  void samples_andBudget_sizeTheSample() throws Exception {
    JsonNode k = json(risk("-c", "zlib", "--sample-builds", "3", "-f", "json"));
    assertEquals(3, k.get("sample").size());
    assertEquals("samples", k.get("samplingPlan").get("mode").asText());
    JsonNode b = json(risk("-c", "zlib", "--budget-hours", "2", "-f", "json"));
    assertTrue(b.get("samplingPlan").get("cpuHours").asDouble() <= 2.0);
    assertTrue(b.get("buildFirstCost").get("cpuHours").asDouble() <= 2.0);
    assertEquals("budget", b.get("samplingPlan").get("mode").asText());
  }

  @Test
  void observed_printsTheStratifiedEstimate() throws Exception {
    Path obs = dir.resolve("results.csv");
    Files.writeString(
        obs,
        "id,seconds,status,finishedAt\n"
            + "zlib.x86_64-linux,20,success,2026-11-02T10:00:00Z\n"
            + "curl.x86_64-linux,200,failed,2026-11-02T11:00:00Z\n"
            + "openssl.x86_64-linux,400,success,1793617200\n");
    JsonNode j = json(risk("-c", "zlib", "--observed", obs.toString(), "-f", "json"));
    assertEquals("stratified-sample", j.get("interval").get("method").asText());
    JsonNode o = j.get("observed");
    assertEquals(3, o.get("observed").asInt());
    assertEquals(1, o.get("failures").asInt());
    assertTrue(j.get("interval").get("low").asDouble() >= 1);
    Cli table = risk("-c", "zlib", "--observed", obs.toString());
    assertTrue(table.out.contains("new failures (estimate)"), table.out);
  }

  @Test
  void csv_hasOneRowPerRebuiltNode() {
    Cli r = risk("-c", "openssl", "-f", "csv");
    assertEquals(0, r.exitCode, r.toString());
    String[] lines = r.out.split("\n");
    assertTrue(lines[0].startsWith("id,name,system,class,distance,probability"), lines[0]);
    assertEquals(1 + 16, lines.length);
  }

  @Test
  void table_isTheDefault_andOutputFileWorks() throws Exception {
    Cli r = risk("-c", "openssl");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("13 newly at risk, 2 already broken, 1 unknown"), r.out);
    assertTrue(r.out.contains("Build these first"), r.out);
    Path f = dir.resolve("r.json");
    Cli o = risk("-c", "openssl", "-f", "json", "-o", f.toString());
    assertEquals(0, o.exitCode, o.toString());
    assertEquals("", o.out);
    assertTrue(Files.readString(f).startsWith("{\n  \"schemaVersion\": 1,"));
  }

  @Test
  void badUsage_isOneLineAndExit2() throws Exception {
    assertBad(risk(), "--change");
    assertBad(risk("-c", "opensl"), "closest: openssl");
    assertBad(risk("-c", "zlib", "--policy", "cutoff"), "definite rebuild set");
    assertBad(risk("-c", "zlib", "--sample-builds", "3", "--budget-hours", "1"), "not both");
    assertBad(risk("-c", "zlib", "--confidence", "1.5"), "--confidence");
    assertBad(risk("-c", "zlib", "-f", "xml"), "unknown --format");
    Path bad = dir.resolve("h.csv");
    Files.writeString(bad, "id,seconds,status,finishedAt\nzlib.x86_64-linux,1,boom,2026-01-01\n");
    assertBad(risk("-c", "zlib", "--history", bad.toString()), bad + ":line 2:");
  }

  private static void assertBad(Cli r, String fragment) {
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: "), r.err);
    assertTrue(r.err.contains(fragment), r.err);
    assertEquals(1, r.err.strip().lines().count(), r.err);
  }
}
