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

final class ImportNixCommandTest {
  @TempDir Path dir;

  static Path fixture(String name) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("fixtures/nix").resolve(name);
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    throw new IllegalStateException("fixtures/nix/" + name + " not found");
  }

  private static JsonNode stats(Path graph) throws Exception {
    Cli s = Cli.run("stats", "--graph", graph.toString(), "--format", "json");
    assertEquals(0, s.exitCode, s.toString());
    return new ObjectMapper().readTree(s.out);
  }

  @Test
  void importNix_derivations_writesTheGraph() throws Exception {
    Path out = dir.resolve("g.json");
    Cli r =
        Cli.run(
            "import",
            "nix",
            "--derivations",
            fixture("derivations-newest.drv.json").toString(),
            "-o",
            out.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.err.contains("22 derivations"), r.err);
    JsonNode j = stats(out);
    assertEquals(22, j.get("nodes").asInt());
    assertEquals(17, j.get("systems").get("x86_64-linux").asInt());
    assertEquals(0, j.get("unresolved").asInt());
  }

  @Test
  void importNix_evalJobsAlone_warnsAboutUndescribedInputs() throws Exception {
    Path out = dir.resolve("jobs.json");
    Cli r =
        Cli.run(
            "import",
            "nix",
            "--eval-jobs",
            fixture("release-jobs.jsonl").toString(),
            "-o",
            out.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(
        r.err.contains(
            "preflight: warning: release-jobs.jsonl:line 7: attribute 'brokenPackage.x86_64-linux' failed"),
        r.err);
    assertTrue(r.err.contains("--derivations"), r.err);
    JsonNode j = stats(out);
    assertEquals(9, j.get("nodes").asInt());
    assertTrue(j.get("unresolved").asInt() > 0);
  }

  @Test
  void importNix_dotWithSystem_andGraphOptionReadsDotDirectly() throws Exception {
    Path out = dir.resolve("dot.json");
    String dot = fixture("curl-hello.x86_64-linux.dot").toString();
    Cli r =
        Cli.run("import", "nix", "--dot", dot, "--system", "x86_64-linux", "-o", out.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertEquals(17, stats(out).get("systems").get("x86_64-linux").asInt());
    Cli direct = Cli.run("stats", "--graph", dot, "--input-format", "nix-dot", "--format", "json");
    assertEquals(0, direct.exitCode, direct.toString());
    assertEquals(17, new ObjectMapper().readTree(direct.out).get("nodes").asInt());
  }

  @Test
  void importNix_dotSyntaxError_oneLineWithLineAndColumn_noOutput() throws Exception {
    Path bad = dir.resolve("bad.dot");
    Files.writeString(bad, "digraph G {\n  \"a\" -> \"b\"\n  \"c\" -> -> \"d\"\n}\n");
    Path out = dir.resolve("out.json");
    Cli r = Cli.run("import", "nix", "--dot", bad.toString(), "-o", out.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertEquals(
        "preflight: error: "
            + bad
            + ":line 3, column 10: expected a node or subgraph after '->', found '->'",
        r.err.strip());
    assertFalse(Files.exists(out));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void importNix_wrongShapeJson_namesTheLine() throws Exception {
    Path bad = dir.resolve("graph.drv.json");
    Files.writeString(bad, "{\"schemaVersion\": 1,\n\"nodes\": []}");
    Cli r =
        Cli.run(
            "import",
            "nix",
            "--derivations",
            bad.toString(),
            "-o",
            dir.resolve("o.json").toString());
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(
        r.err.startsWith("preflight: error: " + bad + ":line 1, column 19: unexpected key"), r.err);
  }

  @Test
  void importNix_noInput_isUsageError() {
    Cli r = Cli.run("import", "nix", "-o", dir.resolve("o.json").toString());
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("--derivations, --dot or --eval-jobs"), r.err);
    Cli parent = Cli.run("import");
    assertEquals(2, parent.exitCode, parent.toString());
    assertTrue(parent.err.contains("nix"), parent.err);
  }
}
