package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph read ahead at start-up ({@link GraphPrefetch}): only a graph the arguments name beyond
 * doubt, handed to the command that asks for that file, and failing the command exactly as the
 * command's own read would.
 */
final class GraphPrefetchTest {
  @TempDir Path dir;

  private Path graph() throws IOException {
    Path bundled = DefaultGraph.path();
    Path copy = dir.resolve("g.arrow");
    Files.copy(bundled, copy);
    return copy;
  }

  @Test
  void graphOf_namesTheGraphOnlyBeyondDoubt() throws IOException {
    Path g = graph();
    String f = g.toString();
    Path expected = g.toAbsolutePath().normalize();
    assertEquals(expected, GraphPrefetch.graphOf("impact", "--graph", f, "--change", "zlib"));
    assertEquals(expected, GraphPrefetch.graphOf("--verbose", "plan", "-g", f));
    assertEquals(expected, GraphPrefetch.graphOf("cost", "--graph=" + f));
    assertEquals(
        DefaultGraph.path().toAbsolutePath().normalize(),
        GraphPrefetch.graphOf("risk", "--change", "zlib"));
    assertNull(GraphPrefetch.graphOf("impact", "-g", f, "-g", f), "two graphs: a usage error");
    assertNull(GraphPrefetch.graphOf("impact", "-g", f, "--input-format", "arrow"));
    assertNull(GraphPrefetch.graphOf("impact", "--help"));
    assertNull(GraphPrefetch.graphOf("impact", "--before", f, "--after", f), "a diff: two graphs");
    assertNull(GraphPrefetch.graphOf("impact", "--before=" + f, "--after=" + f));
    assertNull(GraphPrefetch.graphOf("impact", "--graph"), "no value");
    assertNull(GraphPrefetch.graphOf("batch", "-g", f), "not a short command");
    assertNull(GraphPrefetch.graphOf("import", "tsv"));
    assertNull(GraphPrefetch.graphOf());
    assertNull(GraphPrefetch.graphOf("impact", "-g", dir.resolve("missing.arrow").toString()));
    Path json = dir.resolve("g.json");
    Files.writeString(json, "{}");
    assertNull(GraphPrefetch.graphOf("impact", "-g", json.toString()), "only Arrow files");
  }

  @Test
  void take_theFileReadAhead_givesTheGraphReadAhead_once() throws IOException {
    Path g = graph();
    GraphPrefetch.start("impact", "--graph", g.toString(), "--change", "zlib");
    PackageGraph first = GraphPrefetch.take(g, null, Progress.NONE);
    assertEquals(GraphFormat.load(g, null, Progress.NONE).contentHash(), first.contentHash());
    PackageGraph second = GraphPrefetch.take(g, null, Progress.NONE);
    assertNotSame(first, second, "a second read is an ordinary one");
    assertEquals(first.contentHash(), second.contentHash());
  }

  @Test
  void take_anotherFileOrAForcedFormat_readsItself() throws IOException {
    Path g = graph();
    Path other = dir.resolve("other.arrow");
    Files.copy(g, other);
    GraphPrefetch.start("plan", "--graph", g.toString());
    PackageGraph read = GraphPrefetch.take(other, null, Progress.NONE);
    assertEquals(GraphFormat.load(other, null, Progress.NONE).contentHash(), read.contentHash());
    GraphPrefetch.start("plan", "--graph", g.toString());
    assertEquals(read.contentHash(), GraphPrefetch.take(g, "arrow", Progress.NONE).contentHash());
  }

  @Test
  void take_aCorruptFileReadAhead_failsAsTheCommandsOwnRead() throws IOException {
    Path bad = dir.resolve("bad.arrow");
    Files.write(bad, "ARROW1 not really".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    InputException own =
        assertThrows(InputException.class, () -> GraphFormat.load(bad, null, Progress.NONE));
    GraphPrefetch.start("stats", "--graph", bad.toString());
    InputException ahead =
        assertThrows(InputException.class, () -> GraphPrefetch.take(bad, null, Progress.NONE));
    assertEquals(own.getMessage(), ahead.getMessage());
    assertSame(InputException.class, ahead.getClass());
  }
}
