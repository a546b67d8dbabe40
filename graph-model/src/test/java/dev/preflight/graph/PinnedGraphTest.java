package dev.preflight.graph;

import static dev.preflight.graph.testing.Graphs.graph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.testing.Graphs;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PackageGraph#withPins}: the graph without the edges into the pinned nodes. */
final class PinnedGraphTest {

  @Test
  void withPins_dropsEdgesIntoThePinnedNode_keepsItsOwnInputs() {
    // a and d need b; b needs c.
    PackageGraph g = graph("a->b->c, d->b");
    int a = g.indexOfId("a");
    int b = g.indexOfId("b");
    int c = g.indexOfId("c");
    int d = g.indexOfId("d");
    PackageGraph cut = g.withPins(b);
    assertEquals(1, cut.edgeCount());
    assertArrayEquals(new int[] {}, cut.inputsOf(a));
    assertArrayEquals(new int[] {}, cut.inputsOf(d));
    assertArrayEquals(new int[] {c}, cut.inputsOf(b));
    assertArrayEquals(new int[] {}, cut.dependentsOf(b));
    assertArrayEquals(new int[] {b}, cut.dependentsOf(c));
    assertArrayEquals(new int[] {b}, cut.pins());
    assertTrue(cut.isPinned(b));
    assertFalse(cut.isPinned(a));
    // The original is untouched.
    assertEquals(3, g.edgeCount());
    assertArrayEquals(new int[] {}, g.pins());
  }

  @Test
  void withPins_keepsNodesAttributesAndMetadata() {
    PackageGraphBuilder builder = PackageGraph.builder().description("src").property("k", "v");
    int z =
        builder.addNode(
            NodeRecord.of("zlib@x86_64-linux", "zlib", "x86_64-linux")
                .withVersion("1.3")
                .withAliases(List.of("zlib-ng-compat"))
                .withChannels(List.of("nixos-small"))
                .withBuildSeconds(20)
                .withStatus(NodeStatus.RED));
    int p = builder.addNode(NodeRecord.of("perl@x86_64-linux", "perl", "x86_64-linux"));
    builder.addEdge(p, z);
    PackageGraph g = builder.build();
    PackageGraph cut = g.withPins(z);
    assertEquals(g.nodeCount(), cut.nodeCount());
    for (int v = 0; v < g.nodeCount(); v++) {
      assertEquals(g.record(v), cut.record(v));
    }
    assertEquals(g.metadata(), cut.metadata());
    assertEquals(z, cut.indexOfId("zlib@x86_64-linux"));
    assertArrayEquals(new int[] {z}, cut.nodesNamed("zlib"));
    assertEquals(z, cut.indexOfAlias("zlib-ng-compat"));
    assertEquals(List.of("zlib"), cut.pinNames());
    assertEquals(0, cut.edgeCount());
  }

  @Test
  void withPins_accumulates_andNothingNewReturnsTheSameView() {
    PackageGraph g = graph("a->b->c->d");
    PackageGraph one = g.withPins(g.indexOfId("c"));
    PackageGraph two = one.withPins(g.indexOfId("b"), g.indexOfId("c"));
    assertArrayEquals(new int[] {g.indexOfId("b"), g.indexOfId("c")}, two.pins());
    assertEquals(1, two.edgeCount()); // only c -> d is left
    assertSame(two, two.withPins(g.indexOfId("b")));
    assertSame(g, g.withPins());
    assertEquals(List.of("b", "c"), two.pinNames());
  }

  @Test
  void withPins_pinningACycleMember_breaksTheCycle() {
    PackageGraph g = graph("a->b->c->a, x->a");
    assertEquals(3, g.components().largestSize());
    PackageGraph cut = g.withPins(g.indexOfId("a"));
    assertEquals(1, cut.components().largestSize());
    assertEquals(0, cut.components().nonTrivialCount());
    assertEquals(3, g.components().largestSize()); // the original keeps its own components
  }

  @Test
  void withPins_outOfRange_isRejected() {
    PackageGraph g = graph("a->b");
    assertThrows(IndexOutOfBoundsException.class, () -> g.withPins(2));
    assertThrows(IndexOutOfBoundsException.class, () -> g.withPins(-1));
  }

  @Test
  void withPins_randomGraphs_haveExactlyTheEdgesNotIntoAPin() {
    SplittableRandom r = new SplittableRandom(5150);
    for (int c = 0; c < 200; c++) {
      int n = 1 + r.nextInt(60);
      PackageGraph g = Graphs.random(n, r.nextDouble() * 3, true, r.nextLong());
      int[] pins = new int[r.nextInt(Math.min(n, 6) + 1)];
      boolean[] pinned = new boolean[n];
      for (int i = 0; i < pins.length; i++) {
        pins[i] = r.nextInt(n);
        pinned[pins[i]] = true;
      }
      PackageGraph cut = g.withPins(pins);
      int edges = 0;
      for (int v = 0; v < n; v++) {
        int[] expected = java.util.Arrays.stream(g.inputsOf(v)).filter(t -> !pinned[t]).toArray();
        assertArrayEquals(expected, cut.inputsOf(v), "case " + c + " node " + v);
        int[] dependents = pinned[v] ? new int[0] : g.dependentsOf(v);
        assertArrayEquals(dependents, cut.dependentsOf(v), "case " + c + " node " + v);
        edges += expected.length;
      }
      assertEquals(edges, cut.edgeCount());
    }
  }
}
