package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StatsCommandTest {
  @TempDir Path dir;

  @Test
  void stats_json_hasTheDocumentedKeys() throws Exception {
    Path g = dir.resolve("g.json");
    Files.writeString(
        g,
        "{\"schemaVersion\":1,\"nodes\":[{\"id\":\"a\",\"system\":\"x86_64-linux\"},"
            + "{\"id\":\"b\",\"system\":\"x86_64-linux\"},{\"id\":\"c\",\"system\":\"aarch64-darwin\"}],"
            + "\"edges\":[[\"a\",\"b\"],[\"b\",\"a\"],[\"c\",\"a\"]]}");
    Cli r = Cli.run("stats", "--graph", g.toString(), "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = new ObjectMapper().readTree(r.out);
    assertEquals(3, j.get("nodes").asInt());
    assertEquals(3, j.get("edges").asInt());
    assertEquals(2, j.get("systems").get("x86_64-linux").asInt());
    assertEquals(2, j.get("sccCount").asInt());
    assertEquals(1, j.get("cyclicSccCount").asInt());
    assertEquals(2, j.get("largestScc").asInt());
    assertEquals(0, j.get("selfLoopsDropped").asInt());
    assertEquals(0, j.get("unresolved").asInt());
    assertEquals("", r.err);
  }

  @Test
  void stats_defaultGraph_printsTable() {
    Cli r = Cli.run("stats");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("nodes"), r.out);
  }

  @Test
  void stats_malformedGraph_oneLineErrorExit2() throws Exception {
    Path g = dir.resolve("bad.json");
    Files.writeString(g, "{\"schemaVersion\":1,\n\"nodes\":[\n{\"id\":}]}");
    Cli r = Cli.run("stats", "--graph", g.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: " + g + ":line 3: malformed JSON"), r.err);
    assertEquals(1, r.err.strip().lines().count(), r.err);
    assertFalse(r.err.contains("Exception"), r.err);
  }

  @Test
  void stats_missingFile_exit2() {
    Cli r = Cli.run("stats", "--graph", dir.resolve("nope.json").toString());
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("no such file"), r.err);
  }

  @Test
  void stats_outputFile_isWrittenAndStdoutEmpty() throws Exception {
    Path out = dir.resolve("s.json");
    Cli r = Cli.run("stats", "--format", "json", "-o", out.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertTrue(Files.readString(out).contains("\"schemaVersion\": 1"));
  }

  @Test
  void unknownOption_exit2WithSuggestion() {
    Cli r = Cli.run("stats", "--grpah", "x");
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: "), r.err);
  }

  @Test
  void version_comesFromTheBuild() {
    Cli r = Cli.run("--version");
    assertEquals(0, r.exitCode);
    assertTrue(r.out.startsWith("preflight 0."), r.out);
  }
}
