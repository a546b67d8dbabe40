package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;

/** The closure contract for the single-threaded BFS engine. */
final class ReverseClosureTest extends ClosureEngineContract {
  @Override
  ClosureEngine engine(DependencyGraph graph) {
    return new ReverseClosure(graph);
  }
}
