package dev.preflight.graph.io;

import static dev.preflight.graph.testing.GraphAssertions.assertSameGraph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.NodeStatus;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import dev.preflight.graph.testing.Graphs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JsonGraphFormatTest {
  @TempDir Path dir;

  static PackageGraph richGraph() {
    PackageGraphBuilder b = PackageGraph.builder().description("test \"graph\"");
    b.property("seed", "7");
    b.unresolved(List.of("libfoo-dev", "abc"));
    b.addNode(
        new NodeRecord(
            "/nix/store/aaa-zlib-1.3.drv",
            "zlib",
            "1.3",
            "x86_64-linux",
            20.5,
            NodeStatus.GREEN,
            List.of("nixos-small"),
            List.of("zlib-ng-compat"),
            1000,
            0.5));
    b.addNode(NodeRecord.of("curl", "curl", "x86_64-linux").withStatus(NodeStatus.RED));
    b.addNode(NodeRecord.of("ünïcode\tname", "ü", "aarch64-darwin"));
    b.addEdge(1, 0).addEdge(2, 1).addEdge(1, 1);
    return b.build();
  }

  @Test
  void roundTrip_richGraph_isIdentical() {
    PackageGraph g = richGraph();
    Path f = dir.resolve("g.json");
    GraphFormat.JSON.write(g, f);
    assertSameGraph(g, GraphFormat.load(f, null, Progress.NONE));
  }

  @Test
  void roundTrip_randomGraphs_areIdentical() {
    for (long seed = 1; seed <= 20; seed++) {
      PackageGraph g = Graphs.random(100, 2, true, seed);
      Path f = dir.resolve("r" + seed + ".json");
      GraphFormat.JSON.write(g, f);
      assertSameGraph(g, GraphFormat.JSON.read(f, Progress.NONE));
    }
  }

  @Test
  void write_isDeterministic() throws IOException {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    GraphFormat.JSON.write(richGraph(), a);
    GraphFormat.JSON.write(richGraph(), b);
    assertEquals(Files.readString(a), Files.readString(b));
  }

  @Test
  void read_malformedJson_namesFileAndLine() throws IOException {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"schemaVersion\": 1,\n \"nodes\": [\n {\"id\": \"a\",, }]}");
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.JSON.read(f, Progress.NONE));
    assertTrue(e.getMessage().startsWith(f + ":line 3: malformed JSON"), e.getMessage());
  }

  @Test
  void read_wrongShape_isRejected() throws IOException {
    Path f = dir.resolve("shape.json");
    Files.writeString(f, "{\"schemaVersion\": 1, \"nodes\": {\"a\": 1}}");
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.JSON.read(f, Progress.NONE));
    assertTrue(e.getMessage().contains("'nodes' must be an array"), e.getMessage());
    Files.writeString(f, "[1, 2]");
    e = assertThrows(InputException.class, () -> GraphFormat.JSON.read(f, Progress.NONE));
    assertTrue(e.getMessage().contains("must be a JSON object"), e.getMessage());
  }

  @Test
  void read_edgeToUnknownNode_namesEdge() throws IOException {
    Path f = dir.resolve("edge.json");
    Files.writeString(
        f, "{\"schemaVersion\": 1, \"nodes\": [{\"id\": \"a\"}],\n\"edges\": [\n[\"a\", \"b\"]]}");
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.JSON.read(f, Progress.NONE));
    assertTrue(e.getMessage().startsWith(f + ":line 3 (edge #1): "), e.getMessage());
    assertTrue(e.getMessage().contains("unknown node 'b'"), e.getMessage());
  }

  @Test
  void write_failure_leavesNoFileBehind() {
    PackageGraph g = richGraph();
    Path target = dir.resolve("out.json");
    assertThrows(
        RuntimeException.class,
        () ->
            AtomicFiles.write(
                target,
                tmp -> {
                  GraphFormat.JSON.write(g, tmp);
                  throw new IOException("disk full");
                }));
    assertFalse(Files.exists(target));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void write_givesAnOrdinaryWorldReadableFile() throws IOException {
    Path f = dir.resolve("perm.json");
    GraphFormat.JSON.write(richGraph(), f);
    assertTrue(
        Files.getPosixFilePermissions(f)
            .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
  }

  @Test
  void forPath_unknownExtension_listsKnownOnes() {
    InputException e =
        assertThrows(InputException.class, () -> GraphFormat.forPath(Path.of("g.xyz")));
    assertTrue(e.getMessage().contains(".json"), e.getMessage());
    InputException e2 = assertThrows(InputException.class, () -> GraphFormat.byName("yaml"));
    assertTrue(e2.getMessage().contains("known: json"), e2.getMessage());
  }
}
