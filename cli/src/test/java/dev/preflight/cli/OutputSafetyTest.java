package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: an output never destroys an input, a device or a FIFO, and a failed run writes none.
 */
final class OutputSafetyTest {
  @TempDir Path dir;
  Path graph;
  byte[] graphBytes;

  @BeforeEach
  void copySample() throws IOException {
    graph = dir.resolve("g.json");
    Files.copy(Path.of(Cli.SAMPLE), graph);
    graphBytes = Files.readAllBytes(graph);
  }

  private void assertRefused(Cli r, Path kept, byte[] before) throws IOException {
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: "), r.err);
    assertTrue(r.err.contains("names an input of this run"), r.err);
    assertEquals(1, r.err.strip().lines().count(), r.err);
    assertArrayEquals(before, Files.readAllBytes(kept));
    assertEquals(List.of(), tempFiles());
  }

  private List<Path> tempFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  @Test
  void stats_outputIsTheGraph_refusedAndGraphKept() throws IOException {
    Cli r = Cli.run("stats", "--graph", graph.toString(), "-o", graph.toString());
    assertRefused(r, graph, graphBytes);
  }

  @Test
  void plan_jsonOutputIsTheGraph_refused() throws IOException {
    Cli r =
        Cli.run(
            "plan",
            "--graph",
            graph.toString(),
            "--change",
            "zlib",
            "--format",
            "json",
            "-o",
            dir.resolve("sub/../g.json").toString());
    assertRefused(r, graph, graphBytes);
  }

  @Test
  void plan_htmlIsTheGraph_refused() throws IOException {
    Cli r =
        Cli.run(
            "plan", "--graph", graph.toString(), "--change", "zlib", "--html", graph.toString());
    assertRefused(r, graph, graphBytes);
  }

  @Test
  void cost_outputIsTheHistory_refused() throws IOException {
    Path h = dir.resolve("h.csv");
    Files.copy(Path.of(Cli.SAMPLE).resolveSibling("../history/nixpkgs-sample-history.csv"), h);
    byte[] before = Files.readAllBytes(h);
    Cli r =
        Cli.run(
            "cost",
            "--graph",
            graph.toString(),
            "--change",
            "zlib",
            "--history",
            h.toString(),
            "-o",
            h.toString());
    assertRefused(r, h, before);
  }

  @Test
  void stats_outputIsASymlinkToTheGraph_refused() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), graph);
    Cli r = Cli.run("stats", "--graph", graph.toString(), "-o", link.toString());
    assertRefused(r, graph, graphBytes);
    assertTrue(Files.isSymbolicLink(link));
  }

  @Test
  void stats_outputIsAHardLinkToTheGraph_refused() throws IOException {
    Path other = Files.createLink(dir.resolve("other.json"), graph);
    Cli r = Cli.run("stats", "--graph", graph.toString(), "-o", other.toString());
    assertRefused(r, graph, graphBytes);
  }

  @Test
  void plan_outputIsTheChangesFile_refused() throws IOException {
    Path changes = dir.resolve("changes.txt");
    Files.writeString(changes, "zlib\n");
    byte[] before = Files.readAllBytes(changes);
    Cli r =
        Cli.run(
            "plan",
            "--graph",
            graph.toString(),
            "--changes-file",
            changes.toString(),
            "-o",
            changes.toString());
    assertRefused(r, changes, before);
  }

  @Test
  void plan_htmlFails_noOutputWritten() throws IOException {
    Path p = dir.resolve("p.txt");
    Cli r =
        Cli.run(
            "plan",
            "--graph",
            graph.toString(),
            "--change",
            "zlib",
            "-o",
            p.toString(),
            "--html",
            "/proc/preflight-no-such-file.html");
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("preflight: error: "), r.err);
    assertFalse(Files.exists(p), "p.txt must not be written when the run fails");
    assertEquals(List.of(), tempFiles());
  }

  @Test
  void plan_succeeds_writesBothOutputs() throws IOException {
    Path p = dir.resolve("p.txt");
    Path h = dir.resolve("r.html");
    Cli r =
        Cli.run(
            "plan",
            "--graph",
            graph.toString(),
            "--change",
            "zlib",
            "-o",
            p.toString(),
            "--html",
            h.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(Files.size(p) > 0);
    assertTrue(Files.size(h) > 0);
    assertEquals(List.of(), tempFiles());
  }

  @Test
  void stats_outputDash_isStdout() {
    Cli r = Cli.run("stats", "--graph", graph.toString(), "-o", "-");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("nodes"), r.out);
    assertFalse(Files.exists(Path.of("-")));
  }

  @Test
  void stats_outputThroughASymlinkToAFifo_writesIntoTheFifo() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mk.waitFor());
    Path link = Files.createSymbolicLink(dir.resolve("out.txt"), fifo);
    CompletableFuture<byte[]> reader =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readAllBytes(fifo);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    Cli r = Cli.run("stats", "--graph", graph.toString(), "-o", link.toString());
    assertEquals(0, r.exitCode, r.toString());
    String read =
        new String(reader.get(30, TimeUnit.SECONDS), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(read.contains("nodes"), read);
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.isRegularFile(fifo), "the FIFO must stay a FIFO");
  }

  @Test
  void stats_outputThroughASymlinkToARegularFile_keepsTheLink() throws IOException {
    Path target = dir.resolve("real.txt");
    Files.writeString(target, "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
    Cli r = Cli.run("stats", "--graph", graph.toString(), "-o", link.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.readString(target).contains("nodes"));
  }
}
