package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BatchCommandTest {
  private static final Path REPO = Path.of(System.getProperty("preflight.repo", ".."));
  private static final Path FIXTURE = REPO.resolve("fixtures/batch/changes.jsonl");
  private static final Path SAMPLE = REPO.resolve("fixtures/sample/nixpkgs-sample.json");

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  /** RFC 4180 records of a CSV text (quoted fields, doubled quotes; no embedded newlines). */
  private static List<Map<String, String>> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> header = fields(lines.get(0));
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = fields(line);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), f.get(i));
      }
      out.add(row);
    }
    return out;
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        f.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    out.add(f.toString());
    return out;
  }

  private static final Path HISTORY = REPO.resolve("fixtures/history/nixpkgs-sample-history.csv");

  @Test
  void batch_equalsPreflightImpactCostAndRiskRowForRow() throws IOException {
    Path changes = dir.resolve("changes.jsonl");
    Cli sample = Cli.run("batch", "sample", "--graph", SAMPLE.toString(), "--rows", "30");
    assertEquals(0, sample.exitCode, sample.toString());
    Files.writeString(changes, sample.out);
    Path out = dir.resolve("out.csv");
    String[] cluster = {"--builders", "3", "--slots", "2"};
    Cli r =
        Cli.run(
            concat(
                new String[] {
                  "batch",
                  "--changes",
                  changes.toString(),
                  "--graph",
                  "nix=" + SAMPLE,
                  "--history",
                  HISTORY.toString(),
                  "--engine",
                  "local",
                  "-o",
                  out.toString()
                },
                cluster));
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.err.contains("30 rows -> " + out), r.err);
    assertEquals("", r.out);
    List<Map<String, String>> rows = csv(out);
    List<String> input = sample.out.lines().toList();
    assertEquals(input.size(), rows.size());
    ObjectMapper json = new ObjectMapper();
    int compared = 0;
    for (int i = 0; i < rows.size(); i++) {
      JsonNode in = json.readTree(input.get(i));
      Map<String, String> row = rows.get(i);
      assertEquals(in.get("id").asText(), row.get("id"), "input order kept");
      assertEquals("nix", row.get("graph"));
      String policy = in.has("policy") ? in.get("policy").asText() : "transitive";
      assertEquals(policy, row.get("policy"));
      List<String> change = new ArrayList<>(List.of("--graph", SAMPLE.toString()));
      for (JsonNode c : in.get("changes")) {
        change.add("--change");
        change.add(c.asText());
      }
      change.addAll(List.of("--policy", policy, "--format", "json"));
      Cli impact = Cli.run(concat(new String[] {"impact"}, change.toArray(new String[0])));
      if (impact.exitCode != 0) {
        assertEquals(2, impact.exitCode, impact.toString());
        String problem = impact.err.strip().replaceFirst("^preflight: error: ", "");
        assertTrue(row.get("error").startsWith(problem), row + " vs " + problem);
        assertEquals("", row.get("rebuildCount"));
        continue;
      }
      JsonNode expected = json.readTree(impact.out);
      assertEquals("", row.get("error"));
      assertEquals(expected.get("changed"), json.readTree(row.get("changed")), "changed " + i);
      assertEquals(expected.get("rebuildCount").asText(), row.get("rebuildCount"), "row " + i);
      assertEquals(expected.get("bySystem"), json.readTree(row.get("bySystem")), "row " + i);
      assertEquals(expected.get("byKernel"), json.readTree(row.get("byKernel")), "row " + i);
      assertEquals(expected.get("byKernel").get("linux").asText(), row.get("linuxRebuilds"));
      assertEquals(expected.get("byKernel").get("darwin").asText(), row.get("darwinRebuilds"));
      assertEquals(expected.get("labels"), json.readTree(row.get("labels")), "row " + i);
      assertEquals(expected.get("depth").asText(), row.get("depth"), "row " + i);

      Cli cost =
          Cli.run(
              concat(
                  concat(new String[] {"cost", "--history", HISTORY.toString()}, cluster),
                  change.toArray(new String[0])));
      assertEquals(0, cost.exitCode, cost.toString());
      JsonNode c = json.readTree(cost.out);
      assertEquals(c.get("makespanSeconds").asDouble(), num(row, "makespanSeconds"), 5e-4);
      assertEquals(c.get("cpuHours").asDouble(), num(row, "cpuHours"), 5e-5);
      assertEquals(c.get("cost").asDouble(), num(row, "cost"), 5e-5);

      Cli risk =
          Cli.run(
              concat(
                  new String[] {"risk", "--history", HISTORY.toString()},
                  change.toArray(new String[0])));
      assertEquals(0, risk.exitCode, risk.toString());
      assertEquals(
          json.readTree(risk.out).get("expectedNewFailures").asDouble(),
          num(row, "expectedNewFailures"),
          5e-3);
      compared++;
    }
    assertTrue(compared >= 25, "most rows resolve: " + compared);
  }

  private static double num(Map<String, String> row, String column) {
    return Double.parseDouble(row.get(column));
  }

  @Test
  void batch_pin_rowsEqualPreflightImpactPin_andTheTableNamesThePins() throws IOException {
    Path changes =
        write(
            "c.jsonl",
            "{\"id\": \"a\", \"changes\": [\"zlib\"]}\n"
                + "{\"id\": \"b\", \"changes\": [\"openssl\"], \"policy\": \"direct\"}\n");
    Path out = dir.resolve("pinned.csv");
    Cli r =
        Cli.run(
            "batch",
            "--changes",
            changes.toString(),
            "--graph",
            "nix=" + SAMPLE,
            "--engine",
            "local",
            "--pin",
            "stdenv,python3",
            "-o",
            out.toString());
    assertEquals(0, r.exitCode, r.toString());
    List<Map<String, String>> rows = csv(out);
    ObjectMapper json = new ObjectMapper();
    for (Map<String, String> row : rows) {
      assertEquals("[\"python3\",\"stdenv\"]", row.get("pins"));
      String change = row.get("id").equals("a") ? "zlib" : "openssl";
      Cli impact =
          Cli.run(
              "impact",
              "--graph",
              SAMPLE.toString(),
              "--change",
              change,
              "--policy",
              row.get("policy"),
              "--pin",
              "stdenv,python3",
              "--format",
              "json");
      JsonNode single = json.readTree(impact.out);
      assertEquals(single.get("rebuildCount").asText(), row.get("rebuildCount"), row.toString());
      assertEquals(single.get("bySystem"), json.readTree(row.get("bySystem")), row.toString());
      assertEquals(single.get("depth").asText(), row.get("depth"), row.toString());
    }
    // zlib rebuilds 22 unpinned (docs/batch.md); the cut at stdenv and python3 is fewer.
    assertTrue(Integer.parseInt(rows.get(0).get("rebuildCount")) < 22, rows.toString());
  }

  @Test
  void batch_pinUnknownInOneGraph_exit2NamingTheGraph_noOutput() throws IOException {
    Path changes = write("c.jsonl", "{\"id\": 1, \"changes\": [\"zlib\"]}\n");
    Path tiny = write("tiny.tsv", "a\tzlib\n");
    Path out = dir.resolve("out.csv");
    Cli r =
        Cli.run(
            "batch",
            "--changes",
            changes.toString(),
            "--graph",
            "nix=" + SAMPLE,
            "--graph",
            "tiny=" + tiny,
            "--engine",
            "local",
            "--pin",
            "stdenv",
            "-o",
            out.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(
        r.err.startsWith("preflight: error: --pin (graph 'tiny'): unknown package 'stdenv'"),
        r.err);
    assertFalse(Files.exists(out));
  }

  @Test
  void batch_profile_equalsPreflightImpactProfile() throws IOException {
    Path out = dir.resolve("profile.csv");
    Cli r =
        Cli.run(
            "batch",
            "--profile",
            "--graph",
            "nix=" + SAMPLE,
            "--engine",
            "local",
            "-o",
            out.toString());
    assertEquals(0, r.exitCode, r.toString());
    Cli single = Cli.run("impact", "--profile", "--graph", SAMPLE.toString(), "--format", "csv");
    assertEquals(0, single.exitCode, single.toString());
    List<String> expected = single.out.lines().toList();
    List<String> actual = Files.readAllLines(out);
    assertEquals("graph,name,system,rebuildCount,directDependents", actual.get(0));
    assertEquals(expected.size(), actual.size());
    for (int i = 1; i < actual.size(); i++) {
      assertEquals("nix," + expected.get(i), actual.get(i), "row " + i);
    }
  }

  @Test
  void batch_sparkLocalMode_sameBytesAsTheLocalLoop() throws IOException {
    // The first 100 rows of the fixture, on the bundled default graph.
    Path changes =
        write("a-changes.jsonl", String.join("\n", Files.readAllLines(FIXTURE).subList(0, 100)));
    Path viaLoop = dir.resolve("loop.parquet");
    Path viaSpark = dir.resolve("spark.parquet");
    String[] common = {"batch", "--changes", changes.toString()};
    Cli a = Cli.run(concat(common, "--engine", "local", "-o", viaLoop.toString()));
    Cli b = Cli.run(concat(common, "--master", "local[2]", "-o", viaSpark.toString()));
    assertEquals(0, a.exitCode, a.toString());
    assertEquals(0, b.exitCode, b.toString());
    assertArrayEquals(Files.readAllBytes(viaLoop), Files.readAllBytes(viaSpark));
    assertTrue(b.err.contains("spark local[2]"), b.err);
    assertFalse(b.err.contains(" INFO "), "Spark stays quiet: " + b.err);
    assertEquals(
        List.of(changes, viaLoop, viaSpark), files(), "one file each, no temporary leftovers");
  }

  @Test
  void batch_badRow_exit2WithFileAndLine_noOutput() throws IOException {
    Path changes =
        write(
            "c.jsonl",
            "{\"id\": \"1\", \"changes\": [\"zlib\"]}\n{\"id\": \"2\", \"chanegs\": [\"zlib\"]}\n");
    Path out = dir.resolve("out.csv");
    Cli r =
        Cli.run(
            "batch",
            "--changes",
            changes.toString(),
            "--graph",
            SAMPLE.toString(),
            "-o",
            out.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertEquals(
        "preflight: error: "
            + changes
            + ":line 2: unknown key 'chanegs': did you mean 'changes'? (known: id, changes,"
            + " policy, graph)\n",
        r.err);
    assertFalse(Files.exists(out));
  }

  @Test
  void batch_strict_unknownNameFailsTheRunWithItsLine() throws IOException {
    Path changes = write("c.csv", "id,changes\n1,zlib\n2,openssl;zlb\n");
    Path out = dir.resolve("out.csv");
    Cli r =
        Cli.run(
            "batch",
            "--changes",
            changes.toString(),
            "--graph",
            SAMPLE.toString(),
            "--engine",
            "local",
            "--strict",
            "-o",
            out.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertEquals(
        "preflight: error: " + changes + ":line 3: unknown package 'zlb' (closest: zlib)\n", r.err);
    assertFalse(Files.exists(out));
  }

  @Test
  void batch_badArguments_exit2() throws IOException {
    Path changes = write("c.jsonl", "{\"id\": \"1\", \"changes\": [\"zlib\"]}\n");
    Cli ext =
        Cli.run("batch", "--changes", changes.toString(), "-o", dir.resolve("x.xlsx").toString());
    assertEquals(2, ext.exitCode, ext.toString());
    assertTrue(ext.err.contains("known extensions: .csv, .arrow, .feather, .parquet"), ext.err);
    Cli engine =
        Cli.run(
            "batch",
            "--changes",
            changes.toString(),
            "--engine",
            "flink",
            "-o",
            dir.resolve("x.csv").toString());
    assertEquals("preflight: error: unknown --engine 'flink' (known: spark, local)\n", engine.err);
    Cli label =
        Cli.run(
            "batch",
            "--changes",
            changes.toString(),
            "--graph",
            "a=" + SAMPLE,
            "--graph",
            "a=" + SAMPLE,
            "-o",
            dir.resolve("x.csv").toString());
    assertEquals(2, label.exitCode, label.toString());
    assertTrue(label.err.contains("two graphs are labelled 'a'"), label.err);
    Cli localMaster =
        Cli.run(
            "batch",
            "--changes",
            changes.toString(),
            "--engine",
            "local",
            "--master",
            "local[2]",
            "-o",
            dir.resolve("x.csv").toString());
    assertEquals(
        "preflight: error: --master and --spark-ui need --engine spark\n", localMaster.err);
    Cli missing = Cli.run("batch", "-o", dir.resolve("x.csv").toString());
    assertEquals(2, missing.exitCode, missing.toString());
  }

  @Test
  void sample_seed1_isTheCommittedFixture() throws IOException {
    Cli r = Cli.run("batch", "sample", "--rows", "1000", "--seed", "1");
    assertEquals(0, r.exitCode, r.toString());
    assertEquals(Files.readString(FIXTURE), r.out, "regenerate: see fixtures/batch/README.md");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
