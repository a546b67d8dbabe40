package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void batch_localEngine_csvOfTheFixture() throws IOException {
    Path out = dir.resolve("out.csv");
    Cli r =
        Cli.run(
            "batch",
            "--changes",
            FIXTURE.toString(),
            "--graph",
            "nix=" + SAMPLE,
            "--engine",
            "local",
            "-o",
            out.toString());
    assertEquals(0, r.exitCode, r.toString());
    List<String> lines = Files.readAllLines(out);
    assertEquals("id,graph,policy,changed,rebuildCount,bySystem,error", lines.get(0));
    assertEquals(
        "c00012,nix,transitive,\"[\"\"bootstrap-tools\"\"]\",33,"
            + "\"{\"\"aarch64-darwin\"\":16,\"\"x86_64-linux\"\":17}\",",
        lines.get(12));
    assertEquals(
        "c00014,nix,transitive,\"[\"\"glibc\"\"]\",14,"
            + "\"{\"\"aarch64-darwin\"\":0,\"\"x86_64-linux\"\":14}\",",
        lines.get(14));
    assertEquals(18, lines.size());
    assertTrue(r.err.contains("17 rows -> " + out), r.err);
    assertEquals("", r.out);
  }

  @Test
  void batch_sparkLocalMode_sameBytesAsTheLocalLoop() throws IOException {
    Path viaLoop = dir.resolve("loop.parquet");
    Path viaSpark = dir.resolve("spark.parquet");
    String[] common = {"batch", "--changes", FIXTURE.toString(), "--graph", SAMPLE.toString()};
    Cli a = Cli.run(concat(common, "--engine", "local", "-o", viaLoop.toString()));
    Cli b = Cli.run(concat(common, "--master", "local[2]", "-o", viaSpark.toString()));
    assertEquals(0, a.exitCode, a.toString());
    assertEquals(0, b.exitCode, b.toString());
    assertArrayEquals(Files.readAllBytes(viaLoop), Files.readAllBytes(viaSpark));
    assertTrue(b.err.contains("spark local[2]"), b.err);
    assertFalse(b.err.contains(" INFO "), "Spark stays quiet: " + b.err);
    assertEquals(List.of(viaLoop, viaSpark), files(), "one file each, no temporary leftovers");
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
            + ":line 2: unknown key \"chanegs\" (known: id, changes, policy, graph)\n",
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
    Cli missing = Cli.run("batch", "-o", dir.resolve("x.csv").toString());
    assertEquals(2, missing.exitCode, missing.toString());
  }

  @Test
  void sample_seed1_isTheCommittedFixture() throws IOException {
    Cli r = Cli.run("batch", "sample", "--seed", "1");
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
