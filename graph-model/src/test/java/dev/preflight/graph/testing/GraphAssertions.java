package dev.preflight.graph.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.graph.PackageGraph;

/** Assertions over whole graphs, for round-trip tests of every format. */
public final class GraphAssertions {
  private GraphAssertions() {}

  /** Same nodes in the same order with the same attributes, same edges, same metadata. */
  public static void assertSameGraph(PackageGraph expected, PackageGraph actual) {
    assertEquals(expected.nodeCount(), actual.nodeCount(), "node count");
    assertEquals(expected.edgeCount(), actual.edgeCount(), "edge count");
    for (int v = 0; v < expected.nodeCount(); v++) {
      assertEquals(expected.record(v), actual.record(v), "node " + v);
      assertArrayEquals(expected.inputsOf(v), actual.inputsOf(v), "inputs of " + expected.id(v));
    }
    assertEquals(expected.metadata(), actual.metadata(), "metadata");
  }
}
