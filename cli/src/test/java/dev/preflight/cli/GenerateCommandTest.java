package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GenerateCommandTest {
  @TempDir Path dir;

  @Test
  void generate_writesTheGraph_andStatsReadsIt() throws Exception {
    Path out = dir.resolve("g.json");
    Cli r = Cli.run("generate", "--nodes", "3000", "--seed", "5", "-o", out.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertTrue(r.err.startsWith("preflight: wrote " + out + ": 3,000 nodes"), r.err);
    Cli stats = Cli.run("stats", "--graph", out.toString(), "--format", "json");
    assertEquals(0, stats.exitCode, stats.toString());
    JsonNode j = new ObjectMapper().readTree(stats.out);
    assertEquals(3000, j.get("nodes").asInt());
    assertEquals(4, j.get("systems").size());
    assertEquals(0, j.get("cyclicSccCount").asInt());
  }

  @Test
  void generate_sameSeed_byteIdenticalOutput() throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    String[] common = {"generate", "--nodes", "2500", "--seed", "11", "--systems"};
    assertEquals(
        0, Cli.run(concat(common, "x86_64-linux,aarch64-darwin", "-o", a.toString())).exitCode);
    assertEquals(
        0, Cli.run(concat(common, "x86_64-linux,aarch64-darwin", "-o", b.toString())).exitCode);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void generate_badArguments_oneLineErrorAndNoFile() {
    Path out = dir.resolve("g.json");
    Cli small = Cli.run("generate", "--nodes", "10", "-o", out.toString());
    assertEquals(2, small.exitCode, small.toString());
    assertTrue(small.err.startsWith("preflight: error: --nodes must be at least"), small.err);
    assertEquals(1, small.err.strip().lines().count(), small.err);
    Cli system =
        Cli.run("generate", "--nodes", "5000", "--systems", "x86_64-plan9", "-o", out.toString());
    assertEquals(2, system.exitCode, system.toString());
    assertTrue(system.err.contains("unsupported system 'x86_64-plan9'"), system.err);
    Cli readOnly = Cli.run("generate", "--nodes", "5000", "-o", dir.resolve("g.dot").toString());
    assertEquals(2, readOnly.exitCode, readOnly.toString());
    assertTrue(readOnly.err.contains("can be read but not written"), readOnly.err);
    Cli missing = Cli.run("generate", "-o", out.toString());
    assertEquals(2, missing.exitCode, missing.toString());
    assertFalse(Files.exists(out));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
