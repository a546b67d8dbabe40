package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ImportTsvCommandTest {
  @TempDir Path dir;

  @Test
  void importTsv_edgesOnly_impliesNodesAndWritesArrow() throws Exception {
    Path edges = dir.resolve("e.tsv");
    Files.writeString(
        edges,
        "# dependent\tinput\ncurl@x86_64-linux\tzlib@x86_64-linux\n"
            + "git@x86_64-linux\tcurl@x86_64-linux\ngit@x86_64-linux\tgit@x86_64-linux\n");
    Path out = dir.resolve("g.arrow");
    Cli r = Cli.run("import", "tsv", "--edges", edges.toString(), "-o", out.toString());
    assertEquals(0, r.exitCode, r.toString());
    PackageGraph g = GraphFormat.load(out, null, Progress.NONE);
    assertEquals(3, g.nodeCount());
    assertEquals(2, g.edgeCount());
    assertEquals(1, g.metadata().selfLoopsDropped());
    int curl = g.indexOfId("curl@x86_64-linux");
    assertEquals("curl", g.name(curl));
    assertArrayEquals(new int[] {g.indexOfId("zlib@x86_64-linux")}, g.inputsOf(curl));
  }

  @Test
  void importTsv_edgeToUnknownNode_exit2_noOutput() throws Exception {
    Path nodes = dir.resolve("n.tsv");
    Files.writeString(nodes, "id\tsystem\na\tx86_64-linux\n");
    Path edges = dir.resolve("e.tsv");
    Files.writeString(edges, "a\tb\n");
    Path out = dir.resolve("g.json");
    Cli r =
        Cli.run(
            "import",
            "tsv",
            "--edges",
            edges.toString(),
            "--nodes",
            nodes.toString(),
            "-o",
            out.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: " + edges), r.err);
    assertFalse(Files.exists(out));
  }

  @Test
  void importTsv_missingEdgesFile_exit2_oneLineNamingIt() {
    // Regression: "preflight: error: java.nio.file.NoSuchFileException: e.tsv".
    Path edges = dir.resolve("e.tsv");
    Cli r = Cli.run("import", "tsv", "--edges", edges.toString(), "-o", dir.resolve("g.json") + "");
    assertEquals(2, r.exitCode, r.toString());
    assertEquals("preflight: error: " + edges + ": no such file\n", r.err);
    Cli d = Cli.run("import", "tsv", "--edges", dir.toString(), "-o", dir.resolve("g.json") + "");
    assertEquals(2, d.exitCode, d.toString());
    assertEquals("preflight: error: " + dir + ": is a directory, not a file\n", d.err);
  }
}
