package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

final class ImportDebianCommandTest {
  @TempDir Path dir;

  private static Path excerpt(String name) {
    String repo = System.getProperty("preflight.repo", "..");
    return Path.of(repo).resolve("fixtures/debian/excerpt").resolve(name);
  }

  @Test
  void importDebian_excerpt_writesTheGraphAndASummary() {
    Path out = dir.resolve("g.json");
    Cli r =
        Cli.run(
            "import",
            "debian",
            "--sources",
            excerpt("Sources").toString(),
            "--packages",
            excerpt("Packages").toString(),
            "-o",
            out.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertEquals("", r.err);
    PackageGraph g = GraphFormat.load(out, null, Progress.NONE);
    assertEquals(46, g.nodeCount());
    assertEquals(167, g.edgeCount());
    assertEquals("amd64", g.metadata().properties().get("debian.arch"));
    // Whole lines: a substring such as "167" could match any figure or path that contains it.
    List<String> lines = r.out.lines().map(String::stripTrailing).toList();
    assertTrue(
        lines.contains(
            String.format(
                "%-30s %s",
                "sources", "46 (of 50 stanzas: 3 Extra-Source-Only, 1 older versions)")),
        r.out);
    assertTrue(lines.contains(String.format("%-30s %s", "binary packages", "337")), r.out);
    assertTrue(lines.contains(String.format("%-30s %s", "edges", "167")), r.out);
    assertTrue(
        lines.contains(String.format("%-30s %s", "unresolved names", "207 (254 references)")),
        r.out);
    assertTrue(lines.contains(String.format("%-30s %s", "written", out)), r.out);
  }

  @Test
  void importDebian_archAndProfiles_reachTheImporter() {
    Path out = dir.resolve("g.json");
    Cli r =
        Cli.run(
            "import",
            "debian",
            "--sources",
            excerpt("Sources").toString(),
            "--packages",
            excerpt("Packages").toString(),
            "--arch",
            "arm64",
            "--profiles",
            "nocheck,nodoc",
            "-o",
            out.toString());
    assertEquals(0, r.exitCode, r.toString());
    PackageGraph g = GraphFormat.load(out, null, Progress.NONE);
    assertEquals("arm64-linux", g.system(0));
    assertEquals("nocheck,nodoc", g.metadata().properties().get("debian.profiles"));
    assertEquals(0, g.metadata().selfLoopsDropped());
  }

  @Test
  void importDebian_buildEnvView_reachesTheImporterAndTheSummary() {
    Path out = dir.resolve("env.json");
    Cli r =
        Cli.run(
            "import",
            "debian",
            "--sources",
            excerpt("Sources").toString(),
            "--packages",
            excerpt("Packages").toString(),
            "--view",
            "build-env",
            "--runtime-alternatives",
            "all",
            "--build-essential",
            "-o",
            out.toString());
    assertEquals(0, r.exitCode, r.toString());
    PackageGraph g = GraphFormat.load(out, null, Progress.NONE);
    assertEquals(46, g.nodeCount());
    assertTrue(g.edgeCount() > 167, "more than the build-dependency view's 167 edges");
    assertEquals("build-env", g.metadata().properties().get("debian.view"));
    assertEquals("all", g.metadata().properties().get("debian.runtimeAlternatives"));
    assertEquals("true", g.metadata().properties().get("debian.buildEssential"));
    assertTrue(r.out.contains("build environment: all alternatives, with build-essential)"), r.out);
    assertTrue(r.out.contains("build-essential set"), r.out);
  }

  @Test
  void importDebian_buildEnvOptionsWithoutTheView_orUnknownNames_exit2() {
    Path out = dir.resolve("g.json");
    Cli essential =
        Cli.run(
            "import",
            "debian",
            "--sources",
            "S",
            "--packages",
            "P",
            "--build-essential",
            "-o",
            out.toString());
    assertEquals(2, essential.exitCode, essential.toString());
    assertEquals(
        "preflight: error: --build-essential needs --view build-env", essential.err.strip());
    Cli view =
        Cli.run(
            "import",
            "debian",
            "--sources",
            "S",
            "--packages",
            "P",
            "--view",
            "buildenv",
            "-o",
            out.toString());
    assertEquals(2, view.exitCode, view.toString());
    assertTrue(view.err.contains("did you mean 'build-env'?"), view.err);
    Cli rule =
        Cli.run(
            "import",
            "debian",
            "--sources",
            "S",
            "--packages",
            "P",
            "--view",
            "build-env",
            "--runtime-alternatives",
            "any",
            "-o",
            out.toString());
    assertEquals(2, rule.exitCode, rule.toString());
    assertTrue(rule.err.contains("(known: first, all)"), rule.err);
    assertNothingWritten(out);
  }

  @Test
  void importDebian_brokenStanza_oneLineExit2NoOutput() throws IOException {
    Path sources = dir.resolve("Sources");
    Files.writeString(sources, "Package: a\nVersion: 1\n\nPackage: b\nBuild-Depends foo\n");
    Path out = dir.resolve("g.json");
    Cli r =
        Cli.run(
            "import",
            "debian",
            "--sources",
            sources.toString(),
            "--packages",
            excerpt("Packages").toString(),
            "-o",
            out.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertEquals(
        "preflight: error: "
            + sources
            + ":line 5 (stanza 2): 'Build-Depends foo' is neither a field ('Name: value') nor a"
            + " continuation line (which starts with a space or tab)",
        r.err.strip());
    assertNothingWritten(out);
  }

  @Test
  void importDebian_truncatedXz_oneLineExit2NoOutput() throws IOException {
    byte[] text = Files.readAllBytes(excerpt("Packages"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream xz = new XZOutputStream(bytes, new LZMA2Options())) {
      xz.write(text);
    }
    Path packages = dir.resolve("Packages.xz");
    byte[] all = bytes.toByteArray();
    Files.write(packages, Arrays.copyOf(all, all.length / 2));
    Path out = dir.resolve("g.json");
    Cli r =
        Cli.run(
            "import",
            "debian",
            "--sources",
            excerpt("Sources").toString(),
            "--packages",
            packages.toString(),
            "-o",
            out.toString());
    assertEquals(2, r.exitCode, r.toString());
    // Cut before the first whole line: the file alone, not "after line 0".
    assertTrue(
        r.err.startsWith("preflight: error: " + packages + ": truncated or corrupt xz data"),
        r.err);
    assertEquals(1, r.err.strip().lines().count(), r.err);
    assertNothingWritten(out);
  }

  @Test
  void importDebian_badArchOrOutputName_exit2BeforeReading() {
    Path out = dir.resolve("g.json");
    Cli arch =
        Cli.run(
            "import",
            "debian",
            "--sources",
            "S",
            "--packages",
            "P",
            "--arch",
            "amd46",
            "-o",
            out.toString());
    assertEquals(2, arch.exitCode, arch.toString());
    assertTrue(arch.err.startsWith("preflight: error: unknown Debian architecture 'amd46'"));
    Path txt = dir.resolve("g.txt");
    Cli name =
        Cli.run("import", "debian", "--sources", "S", "--packages", "P", "-o", txt.toString());
    assertEquals(2, name.exitCode, name.toString());
    assertTrue(name.err.contains("cannot tell the output format from the file name"), name.err);
    Cli missing =
        Cli.run(
            "import",
            "debian",
            "--sources",
            dir.resolve("nope").toString(),
            "--packages",
            "P",
            "-o",
            out.toString());
    assertEquals(2, missing.exitCode, missing.toString());
    assertTrue(missing.err.contains("no such file"), missing.err);
    assertNothingWritten(out);
  }

  @Test
  void defaultGraph_isTheRealBookwormGraph() throws Exception {
    Cli r = Cli.run("stats", "--format", "json");
    assertEquals(0, r.exitCode, r.toString());
    com.fasterxml.jackson.databind.JsonNode j =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out);
    assertEquals(
        "debian Sources.xz + Packages.xz (amd64, no build profiles)", j.get("source").asText());
    assertEquals(34_288, j.get("nodes").asInt());
    assertEquals(250_406, j.get("edges").asInt());
    assertEquals(34_288, j.get("systems").get("amd64-linux").asInt());
    assertEquals(4_901, j.get("largestScc").asInt());
    assertEquals(52, j.get("selfLoopsDropped").asInt());
    assertEquals(238, j.get("unresolved").asInt());
  }

  @Test
  void import_withoutSubcommandOrRequiredOptions_exit2() {
    Cli bare = Cli.run("import");
    assertEquals(2, bare.exitCode, bare.toString());
    assertTrue(bare.err.contains("debian"), bare.err);
    Cli noSources = Cli.run("import", "debian", "--packages", "P", "-o", "g.json");
    assertEquals(2, noSources.exitCode, noSources.toString());
    assertTrue(noSources.err.contains("--sources"), noSources.err);
  }

  private void assertNothingWritten(Path out) {
    assertFalse(Files.exists(out));
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(
          files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
