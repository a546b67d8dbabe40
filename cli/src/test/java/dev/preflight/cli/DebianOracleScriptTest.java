package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.testing.RealData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the independent Python oracle ({@code scripts/oracle/debian_oracle.py}, written apart from
 * the Java importer) on the real bookworm amd64 indices and checks its default build graph figures.
 * The comparison with the engine's own figures is left to the tests that import the same data.
 *
 * <p>Skipped (visibly, on stderr) when {@code python3} or {@code ../shared/data} is absent; the
 * build environment test fails instead under {@code -Dpreflight.requireRealData=true} ({@link
 * RealData}).
 */
final class DebianOracleScriptTest {
  @TempDir Path dir;

  private static Path repoRoot() {
    Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path q = p; q != null; q = q.getParent()) {
      if (Files.isRegularFile(q.resolve("mvnw"))) {
        return q;
      }
    }
    return p;
  }

  private static void skipUnless(boolean condition, String why) {
    if (!condition) {
      System.err.println("SKIPPED DebianOracleScriptTest: " + why);
    }
    Assumptions.assumeTrue(condition, why);
  }

  @Test
  void oracle_bookwormAmd64_defaultBuildGraphFigures() throws Exception {
    Path root = repoRoot();
    Path script = root.resolve("scripts/oracle/debian_oracle.py");
    Path data = root.resolve("../shared/data/debian-bookworm").normalize();
    skipUnless(Files.isRegularFile(script), "no " + script);
    skipUnless(
        Files.isRegularFile(data.resolve("Sources.xz"))
            && Files.isRegularFile(data.resolve("Packages.xz")),
        "no real data under " + data);
    skipUnless(dev.preflight.graph.testing.Python.available(), "python3 not found");

    Path summary = dir.resolve("oracle.json");
    Path edges = dir.resolve("edges");
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    List<String> cmd =
        List.of(
            "python3",
            script.toString(),
            "--sources",
            data.resolve("Sources.xz").toString(),
            "--packages",
            data.resolve("Packages.xz").toString(),
            "--query",
            "zlib",
            "--query",
            "golang-1.19",
            "--summary",
            summary.toString(),
            "--edges",
            edges.toString(),
            "--quiet");
    Process p =
        new ProcessBuilder(cmd)
            .directory(root.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("oracle did not finish in 120 s: " + String.join(" ", cmd));
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), stderr);

    JsonNode s = new ObjectMapper().readTree(summary.toFile());
    JsonNode build = s.path("architectures").path("amd64").path("build");
    assertEquals(34_288, build.path("nodes").asInt(), build.toString());
    assertEquals(250_406, build.path("edges").asInt(), build.toString());
    assertEquals(52, build.path("selfLoopsDropped").asInt(), build.toString());
    assertEquals(238, build.path("unresolvedNames").asInt(), build.toString());
    assertEquals(34_335, s.path("inputs").path("sources").path("stanzas").asInt());

    JsonNode q = s.path("queries");
    assertEquals(1_416, q.path("zlib").path("amd64").path("binnmuOthers").asInt(), q.toString());
    assertEquals(
        320, q.path("golang-1.19").path("amd64").path("staticOthers").asInt(), q.toString());

    Path buildTsv = edges.resolve("build-amd64.tsv");
    assertTrue(Files.isRegularFile(buildTsv), "no " + buildTsv);
    try (var lines = Files.lines(buildTsv, StandardCharsets.UTF_8)) {
      assertEquals(250_406L, lines.count());
    }
    assertEquals(64, s.path("edgeFiles").path("build-amd64.tsv").asText().length());

    // The engine (the bundled graph, which DebianBookwormTest ties to a fresh import) makes the
    // same three edge sets, edge for edge, as source-name pairs.
    PackageGraph g =
        dev.preflight.graph.io.GraphFormat.ARROW.read(DefaultGraph.path(), Progress.NONE);
    assertEquals(readSorted(buildTsv), pairs(g));
    assertEquals(readSorted(edges.resolve("binnmu-amd64.tsv")), pairs(g.relationView("binnmu")));
    assertEquals(readSorted(edges.resolve("static-amd64.tsv")), pairs(g.relationView("static")));
  }

  /**
   * The build environment view (first runtime alternatives, no build-essential) as the oracle
   * computes it on bookworm amd64: the figures docs/import.md quotes for {@code import debian
   * --view build-env}.
   */
  @Test
  void oracle_bookwormAmd64_buildEnvFirstAlternatives() throws Exception {
    String test = "DebianOracleScriptTest.oracle_bookwormAmd64_buildEnvFirstAlternatives";
    Path root = repoRoot();
    Path script = root.resolve("scripts/oracle/debian_oracle.py");
    assertTrue(Files.isRegularFile(script), "no " + script);
    Path data = RealData.debianBookworm(test, root);
    if (!Files.isRegularFile(data.resolve("Packages.xz"))) {
      RealData.missing(test, "no Packages.xz in " + data);
    }
    if (!dev.preflight.graph.testing.Python.available()) {
      RealData.missing(test, "python3 not found");
    }

    Path summary = dir.resolve("oracle-env.json");
    Path out = dir.resolve("stdout-env.txt");
    Path err = dir.resolve("stderr-env.txt");
    List<String> cmd =
        List.of(
            "python3",
            script.toString(),
            "--sources",
            data.resolve("Sources.xz").toString(),
            "--packages",
            data.resolve("Packages.xz").toString(),
            "--build-env",
            "first",
            "--build-env-only",
            "--query",
            "python3.11",
            "--summary",
            summary.toString(),
            "--quiet");
    Process p =
        new ProcessBuilder(cmd)
            .directory(root.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(170, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("oracle did not finish in 170 s: " + String.join(" ", cmd));
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), stderr);

    JsonNode env = new ObjectMapper().readTree(summary.toFile()).path("buildEnv");
    assertEquals("first", env.path("alternatives").asText(), env.toString());
    assertEquals(34_288, env.path("nodes").asInt(), env.toString());
    assertEquals(4_684_849, env.path("edges").asInt(), env.toString());
    assertEquals(690, env.path("selfLoopsDropped").asInt(), env.toString());
    assertEquals(5_269, env.path("largestComponent").asInt(), env.toString());
    assertEquals(74, env.path("componentsWithCycle").asInt(), env.toString());
    assertEquals(
        15_694,
        env.path("queries").path("python3.11").path("directDependentsPlusSelf").asInt(),
        env.toString());
  }

  private static java.util.TreeSet<String> readSorted(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines
          .filter(l -> !l.isBlank())
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  private static java.util.TreeSet<String> pairs(PackageGraph g) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        out.add(g.name(v) + "\t" + g.name(g.input(p)));
      }
    }
    return out;
  }
}
