package dev.preflight.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extra columns (binaries, features, fixed outputs, relations) survive every format. */
final class NodeExtrasFormatTest {
  @TempDir Path dir;

  /** zlib, curl (links zlib), hello (static), a fixed-output tarball. */
  static PackageGraph graphWithExtras() {
    PackageGraphBuilder b = PackageGraph.builder();
    int zlib =
        b.addNode(
            NodeRecord.of("zlib@amd64-linux", "zlib", "amd64-linux")
                .withBinaries(List.of("zlib1g", "zlib1g-dev")));
    int curl =
        b.addNode(
            NodeRecord.of("curl@amd64-linux", "curl", "amd64-linux")
                .withBinaries(List.of("curl", "libcurl4"))
                .withFeatures(List.of("kvm", "big-parallel", "kvm")));
    int hello = b.addNode(NodeRecord.of("hello@amd64-linux", "hello", "amd64-linux"));
    int src =
        b.addNode(
            NodeRecord.of("src@amd64-linux", "hello-src", "amd64-linux").withFixedOutput(true));
    b.addEdge(curl, zlib).addEdge(hello, curl).addEdge(hello, src).addEdge(src, curl);
    b.addRelationEdge("binnmu", curl, zlib).addRelationEdge("binnmu", curl, zlib);
    b.addRelationEdge("binnmu", zlib, zlib); // a self-edge is dropped
    b.addRelationEdge("static", hello, zlib).addRelationEdge("static", hello, curl);
    b.declareRelation("empty");
    return b.build();
  }

  @Test
  void builder_keepsExtrasPerNode() {
    PackageGraph g = graphWithExtras();
    assertEquals(List.of("zlib1g", "zlib1g-dev"), g.binaries(0));
    assertEquals(List.of("big-parallel", "kvm"), g.requiredFeatures(1));
    assertTrue(g.isFixedOutput(3));
    assertFalse(g.isFixedOutput(2));
    assertEquals(Set.of("binnmu", "empty", "static"), g.relationNames());
    assertArrayEquals(new int[] {1}, g.nodesBuildingBinary("libcurl4"));
    assertArrayEquals(new int[0], g.nodesBuildingBinary("nope"));
    PackageGraph binnmu = g.relationView("binnmu");
    assertEquals(1, binnmu.edgeCount());
    assertArrayEquals(new int[] {1}, binnmu.dependentsOf(0));
    PackageGraph stat = g.relationView("static");
    assertArrayEquals(new int[] {0, 1}, stat.inputsOf(2));
    assertEquals(0, g.relationView("empty").edgeCount());
    InputException e = assertThrows(InputException.class, () -> g.relationView("bogus"));
    assertTrue(e.getMessage().contains("no 'bogus' relation"), e.getMessage());
  }

  @Test
  void relationView_keepsThePinsOfItsGraph() {
    PackageGraph g = graphWithExtras().withPins(0);
    assertEquals(0, g.relationView("binnmu").edgeCount());
    assertEquals(1, g.relationView("static").edgeCount());
  }

  @Test
  void everyWritableFormat_roundTripsTheExtras() {
    PackageGraph g = graphWithExtras();
    for (GraphFormat f : List.of(GraphFormat.ARROW, GraphFormat.JSON)) {
      Path file = dir.resolve("g" + f.extensions().get(0));
      f.write(g, file);
      PackageGraph h = f.read(file, Progress.NONE);
      assertEquals(g.extras(), h.extras(), f.name());
      for (String r : g.relationNames()) {
        PackageGraph a = g.relationView(r);
        PackageGraph b = h.relationView(r);
        for (int v = 0; v < g.nodeCount(); v++) {
          assertArrayEquals(a.inputsOf(v), b.inputsOf(v), f + " " + r);
        }
      }
      for (int v = 0; v < g.nodeCount(); v++) {
        assertEquals(g.record(v), h.record(v), f.name());
      }
    }
  }

  @Test
  void arrow_graphWithoutExtras_hashesAsVersionOne() {
    PackageGraph g = SampleGraphs.rich();
    assertTrue(g.extras().isEmpty());
    Path file = dir.resolve("d.arrow");
    GraphFormat.ARROW.write(g, file);
    assertTrue(GraphFormat.ARROW.read(file, Progress.NONE).extras().isEmpty());
  }
}
