package dev.preflight.graph.testing;

import dev.preflight.graph.DependencyGraph;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;

/**
 * A test oracle's own copy of a graph: JGraphT's {@link DirectedPseudograph} (loops and parallel
 * edges kept, so degrees count positions) filled from the forward edges alone ({@code inputsStart},
 * {@code inputsEnd}, {@code input}), one edge from each dependent to each of its inputs. Nothing of
 * the graph's reverse index (dependents) is read, so an oracle built on this copy checks that index
 * instead of sharing a bug in it ({@code PackageGraphBuilder.reverse}, {@code
 * CsrGraph.fromInputs}).
 */
public final class ForwardCopy {
  private ForwardCopy() {}

  /**
   * Vertices {@code 0 .. nodeCount-1}; edge {@code v -> t} for every input {@code t} of {@code v}.
   */
  public static Graph<Integer, DefaultEdge> of(DependencyGraph g) {
    Graph<Integer, DefaultEdge> copy = new DirectedPseudograph<>(DefaultEdge.class);
    for (int v = 0; v < g.nodeCount(); v++) {
      copy.addVertex(v);
    }
    for (int v = 0; v < g.nodeCount(); v++) {
      for (int p = g.inputsStart(v); p < g.inputsEnd(v); p++) {
        copy.addEdge(v, g.input(p));
      }
    }
    return copy;
  }
}
