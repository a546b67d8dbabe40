package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan's formats render one result: the same node rows and summary in json, csv and arrow. */
final class PlanFormatsTest {
  private static final String[] PLAN = {
    "plan", "--change", "zlib", "--builders", "2", "--slots", "2"
  };

  @TempDir Path dir;

  private static String[] plan(String... more) {
    String[] all = new String[PLAN.length + more.length];
    System.arraycopy(PLAN, 0, all, 0, PLAN.length);
    System.arraycopy(more, 0, all, PLAN.length, more.length);
    return all;
  }

  private static JsonNode json() throws Exception {
    Cli r = Cli.runSample(plan("--format", "json", "--list"));
    assertEquals(0, r.exitCode, r.toString());
    return new ObjectMapper().readTree(r.out);
  }

  /** Node rows of the long CSV pivoted: id -> field -> value. */
  private static Map<String, Map<String, String>> csvNodes(String csv) {
    Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
    List<String> lines = csv.lines().toList();
    assertEquals("section,key,field,value", lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      if (line.startsWith("node,")) {
        String[] f = line.split(",", 4);
        nodes.computeIfAbsent(f[1], k -> new LinkedHashMap<>()).put(f[2], f[3]);
      }
    }
    return nodes;
  }

  @Test
  void csv_nodeSection_pivotsIntoOneRowPerRebuiltNodeMatchingJson() throws Exception {
    JsonNode j = json();
    Cli r = Cli.runSample(plan("--format", "csv"));
    assertEquals(0, r.exitCode, r.toString());
    Map<String, Map<String, String>> nodes = csvNodes(r.out);
    assertEquals(j.get("impact").get("rebuildCount").asInt(), nodes.size());
    for (JsonNode n : j.get("nodes")) {
      Map<String, String> row = nodes.get(n.get("id").asText());
      assertEquals(12, row.size(), row.toString());
      assertEquals(n.get("finishSeconds").asDouble(), Double.parseDouble(row.get("finishSeconds")));
      assertEquals(n.get("riskClass").asText(), row.get("riskClass"));
      assertEquals(
          n.get("buildFirstRank").isNull() ? "" : n.get("buildFirstRank").asText(),
          row.get("buildFirstRank"));
    }
    assertTrue(r.out.contains("\nsummary,,fits,true\n"), r.out);
    assertTrue(r.out.contains("\nlabel,1,text,10.rebuild-darwin: 11-100\n"), r.out);
  }

  @Test
  void arrow_readsBackWithArrowJava_rowsMatchJson_summaryInMetadata() throws Exception {
    JsonNode j = json();
    Path file = dir.resolve("plan.arrow");
    Cli r = Cli.runSample(plan("--format", "arrow", "-o", file.toString()));
    assertEquals(0, r.exitCode, r.toString());
    Map<String, JsonNode> byId = new HashMap<>();
    j.get("nodes").forEach(n -> byId.put(n.get("id").asText(), n));
    double lastFinish = 0;
    try (BufferAllocator a = new RootAllocator();
        ArrowFileReader reader = new ArrowFileReader(Files.newByteChannel(file), a)) {
      Map<String, String> meta = reader.getVectorSchemaRoot().getSchema().getCustomMetadata();
      assertEquals("1", meta.get("schemaVersion"));
      assertEquals("true", meta.get("fits"));
      JsonNode embedded = new ObjectMapper().readTree(meta.get("plan"));
      assertEquals(
          j.get("cost").get("makespanSeconds"), embedded.get("cost").get("makespanSeconds"));
      assertTrue(reader.loadNextBatch());
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertEquals(byId.size(), root.getRowCount());
      VarCharVector id = (VarCharVector) root.getVector("id");
      Float8Vector finish = (Float8Vector) root.getVector("finishSeconds");
      BitVector critical = (BitVector) root.getVector("criticalPath");
      IntVector first = (IntVector) root.getVector("buildFirstRank");
      IntVector distance = (IntVector) root.getVector("distance");
      for (int i = 0; i < root.getRowCount(); i++) {
        JsonNode n = byId.get(id.getObject(i).toString());
        assertEquals(n.get("finishSeconds").asDouble(), finish.get(i), 0.001);
        assertEquals(n.get("criticalPath").asBoolean(), critical.get(i) == 1);
        assertEquals(n.get("distance").asInt(), distance.get(i));
        if (n.get("buildFirstRank").isNull()) {
          assertTrue(first.isNull(i));
        } else {
          assertEquals(n.get("buildFirstRank").asInt(), first.get(i));
        }
        lastFinish = Math.max(lastFinish, finish.get(i));
      }
      assertFalse(reader.loadNextBatch(), "one record batch");
    }
    assertEquals(j.get("cost").get("makespanSeconds").asDouble(), lastFinish, 0.001);
  }

  @Test
  void criticalPathFlags_matchTheCostReportsPath() throws Exception {
    JsonNode j = json();
    List<String> path = new java.util.ArrayList<>();
    j.get("cost").get("criticalPathSteps").forEach(s -> path.add(s.get("id").asText()));
    List<String> flagged = new java.util.ArrayList<>();
    j.get("nodes")
        .forEach(
            n -> {
              if (n.get("criticalPath").asBoolean()) {
                flagged.add(n.get("id").asText());
              }
            });
    assertEquals(path.stream().sorted().toList(), flagged.stream().sorted().toList());
  }

  @Test
  void arrow_toStdout_isRefusedWithExit2() {
    Cli r = Cli.runSample(plan("--format", "arrow"));
    assertEquals(2, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertTrue(r.err.contains("name an output file with -o"), r.err);
  }

  @Test
  void unknownFormat_exit2_listsTheKnownNames() {
    Cli r = Cli.runSample(plan("--format", "xml"));
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(
        r.err.contains("unknown --format 'xml' (known: table, json, csv, markdown, arrow, html)"),
        r.err);
  }

  @Test
  void labels_printOnlyTheOfborgLabelLines() {
    Cli r = Cli.runSample(plan("--labels"));
    assertEquals(0, r.exitCode, r.toString());
    assertEquals("10.rebuild-darwin: 11-100\n10.rebuild-linux: 11-100\n", r.out);
  }

  @Test
  void json_withoutList_hasNoNodeRows() throws Exception {
    Cli r = Cli.runSample(plan("--format", "json"));
    assertEquals(0, r.exitCode, r.toString());
    assertNull(new ObjectMapper().readTree(r.out).get("nodes"));
  }

  @Test
  void arrow_writtenAtomically_noTemporaryFilesLeft() throws Exception {
    Path file = dir.resolve("out.arrow");
    Cli r = Cli.runSample(plan("--format", "arrow", "-o", file.toString()));
    assertEquals(0, r.exitCode, r.toString());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  /**
   * The risk split names the already-broken packages in text and Markdown too, not only in JSON:
   * the sample graph's history has git on x86_64-linux and firefox on aarch64-darwin failing.
   */
  @Test
  void alreadyBroken_areNamedInTheTableAndTheMarkdown_asInTheJson() throws Exception {
    String history =
        java.nio.file.Path.of(System.getProperty("preflight.repo", "."))
            .resolve("fixtures/history/nixpkgs-sample-history.csv")
            .toString();
    Cli json =
        Cli.runSample(
            "risk", "--change", "zlib", "--history", history, "--format", "json", "--list");
    JsonNode broken = new ObjectMapper().readTree(json.out).get("lists").get("alreadyBroken");
    assertEquals(2, broken.size(), json.out);
    Cli table = Cli.runSample("risk", "--change", "zlib", "--history", history);
    Cli md = Cli.runSample(plan("--history", history, "--format", "markdown"));
    assertTrue(
        table.out.contains("Already broken (failed last time; rebuilt, but not new breakage): 2"),
        table.out);
    assertTrue(md.out.contains("<summary>Already broken: 2</summary>"), md.out);
    for (JsonNode id : broken) {
      assertTrue(table.out.contains(id.asText()), id + "\n" + table.out);
      assertTrue(md.out.contains("- `" + id.asText() + "`"), id + "\n" + md.out);
    }
    assertTrue(md.out.contains("cost (USD)"), md.out);
  }
}
