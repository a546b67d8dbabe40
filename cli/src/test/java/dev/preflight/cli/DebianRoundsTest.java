package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian answers on the bundled bookworm graph (issue 13): the binnmu and static rounds, their
 * schedule as Debian runs it, risk without dependency-failed propagation, the names Debian users
 * type, and bad Debian input.
 */
final class DebianRoundsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static JsonNode json(Cli c) throws IOException {
    assertEquals(0, c.exitCode, c.toString());
    return JSON.readTree(c.out);
  }

  @Test
  void impact_zlib_defaultsToBinnmu_andRebuildsTheTransitionSet() throws IOException {
    JsonNode j = json(Cli.run("impact", "--change", "zlib", "--format", "json"));
    assertEquals("binnmu", j.path("policy").asText());
    // zlib and the 1,416 sources with an architecture-dependent binary linking zlib1g (the
    // independent oracle, scripts/oracle/debian_oracle.py, counts the same set).
    assertEquals(1_417, j.path("rebuildCount").asInt());
    JsonNode direct =
        json(Cli.run("impact", "--change", "zlib", "--policy", "direct", "--format", "json"));
    assertEquals(1_436, direct.path("rebuildCount").asInt(), "the build-dependency set differs");
  }

  @Test
  void impact_golang_static_rebuildsTheEmbedders() throws IOException {
    JsonNode j =
        json(
            Cli.run("impact", "--change", "golang-1.19", "--policy", "static", "--format", "json"));
    assertEquals(321, j.path("rebuildCount").asInt());
  }

  @Test
  void binaryPackageName_resolvesToItsSource_andSaysSo() throws IOException {
    Cli c = Cli.run("impact", "--change", "libssl3", "--format", "json");
    JsonNode j = json(c);
    assertEquals("[\"openssl\"]", j.path("changed").toString());
    assertEquals(
        "preflight: libssl3 is a binary package of source openssl; the change is to openssl\n",
        c.err);
    JsonNode byArch = json(Cli.run("impact", "--change", "openssl:amd64", "--format", "json"));
    assertEquals(j.path("rebuildCount"), byArch.path("rebuildCount"));
  }

  @Test
  void cost_zlibRound_isWithinAQuarterOfItsLowerBound_andIndependent() throws IOException {
    JsonNode j = json(Cli.run("cost", "--change", "zlib", "--format", "json"));
    assertEquals("independent", j.path("order").asText());
    assertTrue(j.path("orderDefault").asBoolean());
    double makespan = j.path("makespanSeconds").asDouble();
    double longest = j.path("criticalPathSeconds").asDouble();
    assertEquals(1, j.path("criticalPath").size(), "a round's critical path is one build");
    double work = j.path("cpuHours").asDouble() * 3600 / j.path("slots").asInt();
    double bound = Math.max(longest, work);
    assertTrue(makespan >= bound - 1e-6, makespan + " below " + bound);
    assertTrue(makespan <= 1.25 * bound, makespan + " more than 25% above " + bound);
  }

  @Test
  void risk_zlibRound_expectsAPublishedRebuildFailureRate_withoutPropagation() throws IOException {
    JsonNode j = json(Cli.run("risk", "--change", "zlib", "--format", "json"));
    double rate = j.path("expectedNewFailures").asDouble() / j.path("rebuildCount").asInt();
    assertTrue(rate >= 0.02 && rate <= 0.08, "expected failure rate " + rate);
    assertEquals("none", j.path("model").path("failurePropagation").asText());
    Cli table = Cli.run("risk", "--change", "zlib");
    assertTrue(
        table.out.contains(
            "failures                 a failed build leaves the old binary; the others build"
                + " (Debian)\n"),
        table.out);
  }

  // ---------------------------------------------------------------- bad input

  private Path sources() throws IOException {
    Path s = dir.resolve("Sources");
    Files.writeString(s, "Package: zlib\nVersion: 1\n\nPackage: app\nVersion: 1\n");
    return s;
  }

  private void assertBadImport(String expectedError, Path... packages) throws IOException {
    Path out = dir.resolve("g.arrow");
    String[] args = new String[4 + 2 * packages.length];
    int k = 0;
    args[k++] = "import";
    args[k++] = "debian";
    args[k++] = "--sources=" + sources();
    for (Path p : packages) {
      args[k++] = "--packages";
      args[k++] = p.toString();
    }
    args[k] = "-o=" + out;
    Cli c = Cli.run(args);
    assertEquals(2, c.exitCode, c.toString());
    assertEquals("preflight: error: " + expectedError + "\n", c.err);
    assertFalse(Files.exists(out), "nothing written");
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp")));
    }
  }

  @Test
  void import_packagesWithoutArchitecture_isOneLineNamingFileAndStanza() throws IOException {
    Path p = dir.resolve("Packages");
    Files.writeString(p, "Package: zlib1g\nSource: zlib\nArchitecture: amd64\n\nPackage: app\n");
    assertBadImport(
        p
            + ":line 5 (stanza 2): binary 'app' has no Architecture field (a Packages index"
            + " names it)",
        p);
  }

  @Test
  void import_sameArchitectureTwice_isRefused() throws IOException {
    Path a = dir.resolve("Packages-a");
    Path b = dir.resolve("Packages-b");
    Files.writeString(a, "Package: zlib1g\nSource: zlib\nArchitecture: amd64\n");
    Files.writeString(b, "Package: app\nArchitecture: amd64\n");
    assertBadImport(
        b
            + ": architecture amd64 is given twice (also by "
            + a
            + "): one Packages index per architecture",
        a,
        b);
  }

  @Test
  void import_malformedBuiltUsing_namesTheFieldAndStanza() throws IOException {
    Path p = dir.resolve("Packages");
    Files.writeString(
        p,
        "Package: zlib1g\nSource: zlib\nArchitecture: amd64\n\n"
            + "Package: app\nArchitecture: amd64\nBuilt-Using: zlib (= 1, golang (>> \n");
    Cli c =
        Cli.run(
            "import",
            "debian",
            "--sources=" + sources(),
            "--packages=" + p,
            "-o=" + dir.resolve("g.arrow"));
    assertEquals(2, c.exitCode, c.toString());
    assertTrue(
        c.err.startsWith(
            "preflight: error: " + p + ":line 7 (stanza 2): Built-Using of 'app': cannot parse"),
        c.err);
    assertEquals(1, c.err.lines().count(), c.err);
    assertFalse(Files.exists(dir.resolve("g.arrow")));
  }

  @Test
  void import_twoArchitectures_nodesPerArchitectureAndCrossArchAllEdges() throws IOException {
    Path src = dir.resolve("Sources");
    Files.writeString(
        src,
        "Package: zlib\nVersion: 1\n\n"
            + "Package: app\nVersion: 1\nBuild-Depends: zlib1g-dev, app-data\n\n"
            + "Package: tool\nVersion: 1\nBuild-Depends: zlib1g-dev [amd64]\n");
    Path amd64 = dir.resolve("Packages-amd64");
    Path arm64 = dir.resolve("Packages-arm64");
    String common =
        "Package: app-data\nSource: app\nArchitecture: all\n\n"
            + "Package: zlib1g-dev\nSource: zlib\nArchitecture: %1$s\n\n"
            + "Package: zlib1g\nSource: zlib\nArchitecture: %1$s\n\n"
            + "Package: app\nArchitecture: %1$s\nDepends: zlib1g, app-data\n\n"
            + "Package: tool\nArchitecture: %1$s\nDepends: zlib1g\nBuilt-Using: zlib (= 1)\n";
    Files.writeString(amd64, String.format(common, "amd64"));
    Files.writeString(arm64, String.format(common, "arm64"));
    Path out = dir.resolve("g.json");
    Cli c =
        Cli.run(
            "import",
            "debian",
            "--sources=" + src,
            "--packages=" + amd64,
            "--packages=" + arm64,
            "-o=" + out);
    assertEquals(0, c.exitCode, c.toString());
    var g = dev.preflight.graph.io.GraphFormat.JSON.read(out, dev.preflight.graph.Progress.NONE);
    assertEquals(6, g.nodeCount());
    int appArm = g.indexOfId("app@arm64-linux");
    int toolArm = g.indexOfId("tool@arm64-linux");
    // app on arm64 needs zlib1g-dev of arm64 and the Architecture: all app-data built on amd64.
    assertEquals(
        java.util.List.of("app@amd64-linux", "zlib@arm64-linux"),
        java.util.Arrays.stream(g.inputsOf(appArm)).mapToObj(g::id).sorted().toList());
    // [amd64] restricts tool's build-dependency to amd64.
    assertEquals(0, g.inputsOf(toolArm).length);
    var binnmu = g.relationView("binnmu");
    assertEquals(
        java.util.List.of("zlib@arm64-linux"),
        java.util.Arrays.stream(binnmu.inputsOf(appArm)).mapToObj(g::id).toList(),
        "app's own Architecture: all package does not put app into its own round");
    assertEquals(
        java.util.List.of("zlib@arm64-linux"),
        java.util.Arrays.stream(g.relationView("static").inputsOf(toolArm))
            .mapToObj(g::id)
            .toList());
    assertEquals(java.util.List.of("app-data", "app"), g.binaries(g.indexOfId("app@amd64-linux")));
    assertEquals(java.util.List.of("app"), g.binaries(appArm));
  }
}
