package dev.preflight.graph;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.testing.GraphAssertions;
import dev.preflight.graph.testing.Graphs;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class PackageGraphBuilderTest {

  @Test
  void build_chain_hasForwardAndReverseAdjacency() {
    PackageGraph g = graph("a->b->c, d->b");
    int a = g.indexOfId("a");
    int b = g.indexOfId("b");
    int c = g.indexOfId("c");
    int d = g.indexOfId("d");
    assertEquals(4, g.nodeCount());
    assertEquals(3, g.edgeCount());
    assertArrayEquals(new int[] {b}, g.inputsOf(a));
    assertArrayEquals(new int[] {c}, g.inputsOf(b));
    assertArrayEquals(new int[] {a, d}, g.dependentsOf(b));
    assertArrayEquals(new int[] {}, g.dependentsOf(a));
    assertEquals(0, g.inputCount(c));
  }

  @Test
  void build_lastNodeInputs_reachTheReverseIndex() {
    // "z" is added last: its inputs are the last rows the reverse index is built from.
    PackageGraph g = graph("a, b, z->a, z->b");
    int z = g.indexOfId("z");
    assertEquals(g.nodeCount() - 1, z);
    assertArrayEquals(new int[] {z}, g.dependentsOf(g.indexOfId("a")));
    assertArrayEquals(new int[] {z}, g.dependentsOf(g.indexOfId("b")));
  }

  @Test
  void build_randomGraphs_reverseIndexIsTheBruteForceTranspose() {
    SplittableRandom r = new SplittableRandom(7_011);
    int cases = 0;
    for (int c = 0; c < 200; c++) {
      PackageGraph g =
          Graphs.random(1 + r.nextInt(120), r.nextDouble() * 4, r.nextBoolean(), r.nextLong());
      GraphAssertions.assertReverseIndexOfInputs(g);
      cases++;
    }
    assertEquals(200, cases);
  }

  @Test
  void build_selfLoopsAndDuplicates_areDroppedAndCounted() {
    PackageGraphBuilder b = PackageGraph.builder();
    int x = b.addNode(NodeRecord.of("x", "x", "s"));
    int y = b.addNode(NodeRecord.of("y", "y", "s"));
    b.addEdge(x, x).addEdge(x, y).addEdge(x, y).addEdge("y", "y", "line 3");
    PackageGraph g = b.build();
    assertEquals(1, g.edgeCount());
    assertEquals(2, g.metadata().selfLoopsDropped());
    assertEquals(1, g.metadata().duplicateEdgesMerged());
  }

  @Test
  void addNode_duplicateId_namesBothRecords() {
    PackageGraphBuilder b = PackageGraph.builder().sourceFile("nodes.tsv");
    b.addNode(NodeRecord.of("x", "x", "s"), "line 2");
    InputException e =
        assertThrows(InputException.class, () -> b.addNode(NodeRecord.of("x", "x", "s"), "line 7"));
    assertEquals(
        "nodes.tsv:line 7: duplicate node id 'x' (first defined at line 2)", e.getMessage());
  }

  @Test
  void build_edgeToUnknownNode_namesRecordAndNode() {
    PackageGraphBuilder b = PackageGraph.builder().sourceFile("edges.tsv");
    b.addNode(NodeRecord.of("x", "x", "s"));
    b.addEdge("x", "nope", "line 4");
    InputException e = assertThrows(InputException.class, b::build);
    assertTrue(e.getMessage().startsWith("edges.tsv:line 4: "), e.getMessage());
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
  }

  @Test
  void lookup_byNameAcrossSystems_andByAlias() {
    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(NodeRecord.of("hello@x86_64-linux", "hello", "x86_64-linux"));
    b.addNode(
        NodeRecord.of("hello@aarch64-darwin", "hello", "aarch64-darwin")
            .withAliases(List.of("hello-wrapped")));
    b.addNode(NodeRecord.of("zlib@x86_64-linux", "zlib", "x86_64-linux"));
    PackageGraph g = b.build();
    assertArrayEquals(new int[] {0, 1}, g.nodesNamed("hello"));
    assertArrayEquals(new int[] {2}, g.nodesNamed("zlib"));
    assertArrayEquals(new int[] {}, g.nodesNamed("curl"));
    assertEquals(1, g.indexOfAlias("hello-wrapped"));
    assertEquals(-1, g.indexOfAlias("hello"));
    assertEquals(List.of("aarch64-darwin", "x86_64-linux"), g.systems());
    assertEquals("aarch64-darwin", g.system(1));
  }

  @Test
  void attributes_roundTripThroughColumns() {
    NodeRecord r =
        new NodeRecord(
            "id1",
            "pkg",
            "1.2",
            "x86_64-linux",
            42.5,
            NodeStatus.RED,
            List.of("nixos-small", "a-channel"),
            List.of("pkg-alias"),
            1234,
            0.25);
    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(r);
    PackageGraph g = b.build();
    NodeRecord back = g.record(0);
    assertEquals(
        r.withChannels(List.of("a-channel", "nixos-small")), back.withUnchangedProbability(0.25));
    assertTrue(g.inChannel(0, g.channelNames().indexOf("nixos-small")));
  }

  @Test
  void nodeStatus_parsesHydraResults() {
    assertEquals(NodeStatus.GREEN, NodeStatus.parse("success"));
    assertEquals(NodeStatus.RED, NodeStatus.parse("dependency-failed"));
    assertEquals(NodeStatus.RED, NodeStatus.parse("cached_failure"));
    assertEquals(NodeStatus.RED, NodeStatus.parse("TIMEOUT"));
    assertEquals(NodeStatus.UNKNOWN, NodeStatus.parse("unknown"));
    assertThrows(IllegalArgumentException.class, () -> NodeStatus.parse("maybe"));
  }
}
