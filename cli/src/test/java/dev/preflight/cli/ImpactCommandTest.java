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

/** {@code preflight impact} on the bundled sample graph (17 x86_64-linux, 16 aarch64-darwin). */
final class ImpactCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void impact_json_hasTheDocumentedKeysInOrder() throws Exception {
    Cli r = Cli.runSample("impact", "--change", "zlib", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = JSON.readTree(r.out);
    assertEquals(
        List.of(
            "schemaVersion",
            "policy",
            "changed",
            "rebuildCount",
            "bySystem",
            "byKernel",
            "attrCount",
            "labels",
            "depth"),
        Cli.keys(j));
    assertEquals("transitive", j.get("policy").asText());
    assertEquals("[\"zlib\"]", j.get("changed").toString());
    // zlib and its 10 transitive dependents, on both systems.
    assertEquals(22, j.get("rebuildCount").asInt());
    assertEquals(11, j.get("bySystem").get("x86_64-linux").asInt());
    assertEquals(11, j.get("bySystem").get("aarch64-darwin").asInt());
    assertEquals(11, j.get("byKernel").get("linux").asInt());
    assertEquals(11, j.get("byKernel").get("darwin").asInt());
    assertEquals(
        "[\"10.rebuild-darwin: 11-100\",\"10.rebuild-linux: 11-100\"]", j.get("labels").toString());
    // zlib <- perl <- openssl <- python3 <- python3Packages.urllib3 <- python3Packages.requests
    assertEquals(6, j.get("depth").asInt());
    assertEquals("", r.err);
  }

  @Test
  void impact_list_namesEachRebuildWithItsSystem() throws Exception {
    Cli r =
        Cli.runSample("impact", "--change", "python3.x86_64-linux", "--list", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = JSON.readTree(r.out);
    assertEquals(
        "[\"firefox.x86_64-linux\",\"git.x86_64-linux\",\"python3.x86_64-linux\","
            + "\"python3Packages.requests.x86_64-linux\",\"python3Packages.urllib3.x86_64-linux\"]",
        j.get("rebuilds").toString());
    assertEquals(5, j.get("rebuildCount").asInt());
    assertEquals(0, j.get("byKernel").get("darwin").asInt());
  }

  @Test
  void impact_directAndLocal() throws Exception {
    JsonNode direct =
        JSON.readTree(
            Cli.runSample("impact", "-c", "zlib@x86_64-linux", "--policy", "direct", "-f", "json")
                .out);
    assertEquals(8, direct.get("rebuildCount").asInt());
    // The direct dependents need each other: zlib <- perl <- openssl <- python3 <- git.
    assertEquals(5, direct.get("depth").asInt());
    JsonNode local =
        JSON.readTree(
            Cli.runSample("impact", "-c", "zlib,openssl", "--policy", "LOCAL", "-f", "json").out);
    assertEquals(4, local.get("rebuildCount").asInt());
    assertEquals("[\"openssl\",\"zlib\"]", local.get("changed").toString());
  }

  @Test
  void impact_aliasCountsOnce() throws Exception {
    JsonNode j =
        JSON.readTree(
            Cli.runSample(
                    "impact",
                    "-c",
                    "python3Minimal",
                    "python3.x86_64-linux",
                    "-p",
                    "local",
                    "-f",
                    "json")
                .out);
    assertEquals(1, j.get("rebuildCount").asInt());
  }

  @Test
  void impact_table_isForPeople() {
    Cli r = Cli.runSample("impact", "--change", "zlib");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("rebuild count   22"), r.out);
    assertTrue(r.out.contains("10.rebuild-linux: 11-100"), r.out);
  }

  @Test
  void impact_csv_listsEveryRebuiltNodeWithItsDistance() {
    Cli r = Cli.runSample("impact", "-c", "openssl.aarch64-darwin", "-f", "csv");
    assertEquals(0, r.exitCode, r.toString());
    List<String> lines = r.out.lines().toList();
    assertEquals("id,name,system,distance", lines.get(0));
    assertTrue(lines.contains("openssl.aarch64-darwin,openssl,aarch64-darwin,0"), r.out);
    assertTrue(lines.contains("nix.aarch64-darwin,nix,aarch64-darwin,1"), r.out);
  }

  @Test
  void impact_labels_printsOnlyTheLabelLines() {
    Cli r = Cli.runSample("impact", "--change", "hello", "--labels");
    assertEquals(0, r.exitCode, r.toString());
    // One rebuild per kernel: the bots' "1" label as well as "1-10".
    assertEquals(
        "10.rebuild-darwin: 1\n10.rebuild-darwin: 1-10\n10.rebuild-linux: 1\n10.rebuild-linux: 1-10\n",
        r.out);
  }

  @Test
  void impact_failAbove_exits1AboveTheGate() {
    Cli over = Cli.runSample("impact", "--change", "zlib", "--fail-above", "21", "--labels");
    assertEquals(1, over.exitCode, over.toString());
    assertTrue(over.err.contains("rebuild count 22 is above --fail-above 21"), over.err);
    assertFalse(over.out.isEmpty());
    assertEquals(0, Cli.runSample("impact", "--change", "zlib", "--fail-above", "22").exitCode);
  }

  @Test
  void impact_unknownName_exit2WithClosestNames() {
    Cli r = Cli.runSample("impact", "--change", "zlb");
    assertEquals(2, r.exitCode, r.toString());
    assertEquals("preflight: error: unknown package 'zlb' (closest: zlib", r.err.substring(0, 54));
    assertEquals(1, r.err.strip().lines().count(), r.err);
  }

  @Test
  void impact_unknownPolicy_exit2ListingPolicies() {
    Cli r = Cli.runSample("impact", "--change", "zlib", "--policy", "bogus");
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("known: transitive, direct, local, cutoff"), r.err);
  }

  @Test
  void impact_negativeFailAbove_isRejected() {
    Cli r = Cli.runSample("impact", "--change", "zlib", "--fail-above", "-1");
    assertEquals(2, r.exitCode, r.toString());
    assertEquals("preflight: error: --fail-above must be >= 0, got -1\n", r.err);
    assertEquals("", r.out);
  }

  @Test
  void impact_misspeltPolicyOrFormat_suggestsTheClosestName() {
    Cli policy = Cli.runSample("impact", "--change", "zlib", "--policy", "transitiv");
    assertEquals(2, policy.exitCode, policy.toString());
    assertTrue(policy.err.contains("did you mean 'transitive'?"), policy.err);
    Cli format = Cli.runSample("impact", "--change", "zlib", "--format", "jsn");
    assertEquals(2, format.exitCode, format.toString());
    assertEquals(
        "preflight: error: unknown --format 'jsn': did you mean 'json'? (known: table, json,"
            + " csv, markdown, arrow)\n",
        format.err);
  }

  @Test
  void impact_noChange_exit2() {
    Cli r = Cli.runSample("impact");
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: name a change"), r.err);
  }

  @Test
  void impact_changesFile_errorNamesFileAndLine() throws Exception {
    Path f = dir.resolve("changes.txt");
    Files.writeString(f, "# staging batch\nzlib\nopenssl # tls\nlibfffi\n");
    Cli r = Cli.runSample("impact", "--changes-file", f.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(
        r.err.startsWith("preflight: error: " + f + ":line 4: unknown package 'libfffi'"), r.err);
    Files.writeString(f, "# staging batch\nzlib\nopenssl # tls\n");
    Cli ok = Cli.runSample("impact", "--changes-file", f.toString(), "--format", "json");
    assertEquals(0, ok.exitCode, ok.toString());
    assertEquals("[\"openssl\",\"zlib\"]", JSON.readTree(ok.out).get("changed").toString());
  }

  @Test
  void impact_cutoff_isDeterministicAndCarriesItsDistribution() throws Exception {
    String[] args = {
      "impact", "-c", "zlib", "-p", "cutoff", "--cutoff-trials", "300", "-f", "json"
    };
    Cli a = Cli.runSample(args);
    Cli b = Cli.runSample(args);
    assertEquals(0, a.exitCode, a.toString());
    assertEquals(a.out, b.out);
    JsonNode c = JSON.readTree(a.out).get("cutoff");
    assertEquals(300, c.get("samples").asInt());
    assertTrue(c.get("p10").asInt() >= 16, a.out); // never below the direct set (2 x 8)
    assertTrue(c.get("p90").asInt() <= 22, a.out);
    Cli oneThread =
        Cli.runSample(
            "impact",
            "-c",
            "zlib",
            "-p",
            "cutoff",
            "--cutoff-trials",
            "300",
            "-f",
            "json",
            "--threads",
            "1");
    assertEquals(a.out, oneThread.out);
  }

  @Test
  void impact_profile_csvRowsMostDangerousFirst() {
    Cli r = Cli.runSample("impact", "--profile", "--format", "csv");
    assertEquals(0, r.exitCode, r.toString());
    List<String> lines = r.out.lines().toList();
    assertEquals("name,system,rebuildCount,directDependents", lines.get(0));
    assertEquals("bootstrap-tools,x86_64-linux,17,1", lines.get(1));
    assertEquals(34, lines.size());
  }

  @Test
  void impact_profile_topAndJson() throws Exception {
    Cli r = Cli.runSample("impact", "--profile", "--top", "2", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = JSON.readTree(r.out);
    assertEquals(List.of("schemaVersion", "nodes", "rows"), Cli.keys(j));
    assertEquals(2, j.get("rows").size());
    assertEquals(
        List.of("name", "system", "rebuildCount", "directDependents"),
        Cli.keys(j.get("rows").get(0)));
    Cli table = Cli.runSample("impact", "--profile");
    assertTrue(table.out.startsWith("NAME"), table.out);
    assertTrue(table.out.contains("(20 of 33 nodes; --top N for more)"), table.out);
  }

  @Test
  void impact_profile_arrowWithPins_recordsThemInTheSchemaMetadata() throws Exception {
    // Regression: JSON and the table named the pins, the Arrow file did not.
    Path out = dir.resolve("pinned.arrow");
    Cli r =
        Cli.runSample(
            "impact", "--profile", "--pin", "stdenv,python3", "--format", "arrow", "-o", "" + out);
    assertEquals(0, r.exitCode, r.toString());
    try (org.apache.arrow.memory.RootAllocator a = new org.apache.arrow.memory.RootAllocator();
        org.apache.arrow.vector.ipc.ArrowFileReader reader =
            new org.apache.arrow.vector.ipc.ArrowFileReader(Files.newByteChannel(out), a)) {
      assertTrue(reader.loadNextBatch());
      var metadata = reader.getVectorSchemaRoot().getSchema().getCustomMetadata();
      assertEquals("1", metadata.get("schemaVersion"));
      assertEquals(
          List.of("python3", "stdenv"),
          List.of(new ObjectMapper().readValue(metadata.get("pins"), String[].class)));
      // The same names as the JSON profile gives.
      Cli json =
          Cli.runSample("impact", "--profile", "--pin", "stdenv,python3", "--format", "json");
      assertEquals(
          new ObjectMapper().readTree(json.out).get("pins"),
          new ObjectMapper().readTree(metadata.get("pins")));
    }
  }

  private static org.apache.arrow.vector.types.pojo.Schema schemaOf(Path file) throws Exception {
    try (org.apache.arrow.memory.RootAllocator a = new org.apache.arrow.memory.RootAllocator();
        org.apache.arrow.vector.ipc.ArrowFileReader reader =
            new org.apache.arrow.vector.ipc.ArrowFileReader(Files.newByteChannel(file), a)) {
      return reader.getVectorSchemaRoot().getSchema();
    }
  }

  @Test
  void impact_profile_arrowFileHasTheRows() throws Exception {
    Path out = dir.resolve("profile.arrow");
    Cli r = Cli.runSample("impact", "--profile", "--format", "arrow", "-o", out.toString());
    assertEquals(0, r.exitCode, r.toString());
    try (org.apache.arrow.memory.RootAllocator a = new org.apache.arrow.memory.RootAllocator();
        org.apache.arrow.vector.ipc.ArrowFileReader reader =
            new org.apache.arrow.vector.ipc.ArrowFileReader(Files.newByteChannel(out), a)) {
      assertTrue(reader.loadNextBatch());
      var root = reader.getVectorSchemaRoot();
      assertEquals(33, root.getRowCount());
      assertEquals("bootstrap-tools", root.getVector("name").getObject(0).toString());
      assertEquals(17, root.getVector("rebuildCount").getObject(0));
      assertEquals(1, root.getVector("directDependents").getObject(0));
      assertEquals("1", root.getSchema().getCustomMetadata().get("schemaVersion"));
    }
    assertFalse(schemaOf(out).getCustomMetadata().containsKey("pins"));
    Cli noFile = Cli.runSample("impact", "--profile", "--format", "arrow");
    assertEquals(2, noFile.exitCode, noFile.toString());
    Cli change =
        Cli.runSample("impact", "--change", "zlib", "--format", "arrow", "-o", out.toString());
    assertEquals(2, change.exitCode, change.toString());
  }

  @Test
  void impact_profileWithChange_exit2() {
    Cli r = Cli.runSample("impact", "--profile", "--change", "zlib");
    assertEquals(2, r.exitCode, r.toString());
  }

  @Test
  void impact_beforeAfter_seedsChangedAndNewNodes() throws Exception {
    Path before = dir.resolve("before.json");
    Path after = dir.resolve("after.json");
    Files.writeString(
        before,
        "{\"schemaVersion\":1,\"nodes\":[{\"id\":\"zlib\",\"version\":\"1.3\"},{\"id\":\"curl\"},"
            + "{\"id\":\"git\"},{\"id\":\"vim\"}],"
            + "\"edges\":[[\"curl\",\"zlib\"],[\"git\",\"curl\"]]}");
    Files.writeString(
        after,
        "{\"schemaVersion\":1,\"nodes\":[{\"id\":\"zlib\",\"version\":\"1.3.1\"},{\"id\":\"curl\"},"
            + "{\"id\":\"git\"},{\"id\":\"vim\"},{\"id\":\"brotli\"}],"
            + "\"edges\":[[\"curl\",\"zlib\"],[\"git\",\"curl\"],[\"curl\",\"brotli\"]]}");
    Cli r =
        Cli.runSample(
            "impact",
            "--before",
            before.toString(),
            "--after",
            after.toString(),
            "--list",
            "-f",
            "json");
    assertEquals(0, r.exitCode, r.toString());
    JsonNode j = JSON.readTree(r.out);
    // zlib (version), curl (inputs changed), brotli (new); git through curl; vim untouched.
    assertEquals("[\"brotli\",\"curl\",\"zlib\"]", j.get("changed").toString());
    assertEquals(4, j.get("rebuildCount").asInt());
    assertEquals("[\"brotli\",\"curl\",\"git\",\"zlib\"]", j.get("rebuilds").toString());
  }

  @Test
  void impact_beforeWithoutAfter_exit2() {
    Cli r = Cli.runSample("impact", "--before", "x.json");
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("--before and --after go together"), r.err);
  }

  @Test
  void impact_outputFile_isWrittenAndStdoutEmpty() throws Exception {
    Path out = dir.resolve("impact.json");
    Cli r = Cli.runSample("impact", "-c", "hello", "-f", "json", "-o", out.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertEquals(2, JSON.readTree(Files.readString(out)).get("rebuildCount").asInt());
  }
}
