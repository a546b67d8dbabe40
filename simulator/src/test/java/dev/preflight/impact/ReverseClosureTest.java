package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import org.junit.jupiter.api.Nested;

/**
 * The closure contract for the single-threaded BFS engine: with its own direction switching, and
 * forced to run every level top-down or every level bottom-up.
 */
final class ReverseClosureTest extends ClosureEngineContract {
  @Override
  ClosureEngine engine(DependencyGraph graph) {
    return new ReverseClosure(graph);
  }

  @Nested
  final class TopDownOnly extends ClosureEngineContract {
    @Override
    ClosureEngine engine(DependencyGraph graph) {
      return new ReverseClosure(graph, 0, 1);
    }
  }

  @Nested
  final class BottomUpOnly extends ClosureEngineContract {
    @Override
    ClosureEngine engine(DependencyGraph graph) {
      return new ReverseClosure(graph, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** A bottom-up level scans every unvisited node: a chain of V levels costs V^2 / 64. */
    @Override
    int longChainLength() {
      return 3_000;
    }
  }
}
