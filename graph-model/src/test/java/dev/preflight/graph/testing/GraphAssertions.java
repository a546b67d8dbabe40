package dev.preflight.graph.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.PackageGraph;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * The graph's reverse index is exactly the transpose of its forward edges: for every node, its
   * dependents are the nodes that list it as an input, ascending, once per such input position. The
   * expected lists are computed here by brute force from {@code inputsStart/inputsEnd/input} alone.
   */
  public static void assertReverseIndexOfInputs(DependencyGraph g) {
    int n = g.nodeCount();
    List<List<Integer>> expected = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      expected.add(new ArrayList<>());
    }
    int edges = 0;
    for (int v = 0; v < n; v++) {
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        expected.get(g.input(p)).add(v);
        edges++;
      }
    }
    assertEquals(edges, g.edgeCount(), "edge count against the forward ranges");
    for (int t = 0; t < n; t++) {
      List<Integer> actual = new ArrayList<>();
      for (int p = g.dependentsStart(t); p < g.dependentsEnd(t); p++) {
        actual.add(g.dependent(p));
      }
      assertEquals(expected.get(t), actual, "dependents of node " + t);
      assertEquals(expected.get(t).size(), g.dependentCount(t), "dependent count of node " + t);
    }
  }
}
