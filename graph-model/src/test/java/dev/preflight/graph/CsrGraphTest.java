package dev.preflight.graph;

import static dev.preflight.graph.testing.GraphAssertions.assertReverseIndexOfInputs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class CsrGraphTest {

  /** Node v's inputs as offsets and targets, from one int[] per node. */
  private static CsrGraph csr(int[]... inputs) {
    int[] offsets = new int[inputs.length + 1];
    for (int v = 0; v < inputs.length; v++) {
      offsets[v + 1] = offsets[v] + inputs[v].length;
    }
    int[] targets = new int[offsets[inputs.length]];
    for (int v = 0; v < inputs.length; v++) {
      System.arraycopy(inputs[v], 0, targets, offsets[v], inputs[v].length);
    }
    return CsrGraph.fromInputs(offsets, targets);
  }

  private static int[] dependents(DependencyGraph g, int node) {
    int[] out = new int[g.dependentCount(node)];
    for (int p = g.dependentsStart(node); p < g.dependentsEnd(node); p++) {
      out[p - g.dependentsStart(node)] = g.dependent(p);
    }
    return out;
  }

  @Test
  void fromInputs_diamond_dependentsAscendingPerNode() {
    // 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3: node 3 is needed by 1 and 2, node 1 and 2 by 0.
    CsrGraph g = csr(new int[] {2, 1}, new int[] {3}, new int[] {3}, new int[] {});
    assertEquals(4, g.nodeCount());
    assertEquals(4, g.edgeCount());
    assertEquals(2, g.inputCount(0));
    assertEquals(2, g.input(g.inputsStart(0)), "inputs are kept as given");
    assertArrayEquals(new int[] {}, dependents(g, 0));
    assertArrayEquals(new int[] {0}, dependents(g, 1));
    assertArrayEquals(new int[] {0}, dependents(g, 2));
    assertArrayEquals(new int[] {1, 2}, dependents(g, 3));
  }

  @Test
  void fromInputs_lastNodeEdges_reachTheReverseIndex() {
    // Only the last node has inputs: an off-by-one over the nodes would drop all edges.
    CsrGraph g = csr(new int[] {}, new int[] {}, new int[] {0, 1});
    assertArrayEquals(new int[] {2}, dependents(g, 0));
    assertArrayEquals(new int[] {2}, dependents(g, 1));
    assertArrayEquals(new int[] {}, dependents(g, 2));
  }

  @Test
  void fromInputs_emptyAndEdgeless() {
    CsrGraph none = CsrGraph.fromInputs(new int[] {0}, new int[0]);
    assertEquals(0, none.nodeCount());
    assertEquals(0, none.edgeCount());
    CsrGraph lone = csr(new int[] {}, new int[] {});
    assertEquals(2, lone.nodeCount());
    assertEquals(0, lone.dependentCount(0) + lone.dependentCount(1));
  }

  @Test
  void fromInputs_cyclesSelfLoopsAndRepeats_areTransposedAsGiven() {
    // CsrGraph keeps what it is given: a self-loop and a repeated input appear once per position.
    CsrGraph g = csr(new int[] {1, 1}, new int[] {0, 1});
    assertArrayEquals(new int[] {1}, dependents(g, 0));
    assertArrayEquals(new int[] {0, 0, 1}, dependents(g, 1));
  }

  @Test
  void fromInputs_badOffsets_rejected() {
    assertThrows(IllegalArgumentException.class, () -> CsrGraph.fromInputs(new int[0], new int[0]));
    assertThrows(
        IllegalArgumentException.class, () -> CsrGraph.fromInputs(new int[] {0, 1}, new int[0]));
    assertThrows(
        IllegalArgumentException.class, () -> CsrGraph.fromInputs(new int[] {0, 1}, new int[2]));
  }

  @Test
  void fromInputs_randomGraphs_reverseIsTheBruteForceTranspose() {
    SplittableRandom r = new SplittableRandom(20_261_118);
    int cases = 0;
    for (int c = 0; c < 300; c++) {
      int n = 1 + r.nextInt(80);
      int[][] inputs = new int[n][];
      for (int v = 0; v < n; v++) {
        inputs[v] = r.ints(r.nextInt(6), 0, n).toArray();
      }
      assertReverseIndexOfInputs(csr(inputs));
      cases++;
    }
    assertEquals(300, cases);
  }
}
