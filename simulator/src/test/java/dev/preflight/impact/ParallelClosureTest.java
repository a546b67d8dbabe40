package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.testing.Graphs;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The closure contract for the level-parallel engine, forced to split even one-node frontiers
 * across four tasks so that the parallel path is what the contract exercises.
 */
final class ParallelClosureTest extends ClosureEngineContract {
  private static ExecutorService executor;

  @BeforeAll
  static void start() {
    executor = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stop() {
    executor.shutdownNow();
  }

  @Override
  ClosureEngine engine(DependencyGraph graph) {
    return new ParallelClosure(graph, executor, 4, 1);
  }

  @Test
  void closure_answerDoesNotDependOnTaskCount() {
    PackageGraph g = Graphs.random(5_000, 3.0, true, 11);
    int[] seeds = {1, 17, 4_000};
    RebuildSet one = new ParallelClosure(g, executor, 1, 1).closure(seeds, Policy.TRANSITIVE);
    for (int tasks : new int[] {2, 3, 4, 7}) {
      assertEquals(
          one, new ParallelClosure(g, executor, tasks, 1).closure(seeds, Policy.TRANSITIVE));
    }
    assertEquals(new ReverseClosure(g).closure(seeds, Policy.TRANSITIVE), one);
  }

  @Test
  void closure_workerFailure_isRethrownWithItsRootCause() {
    // A graph whose adjacency fails at one reached node, read top-down or bottom-up; the levels
    // are wide enough to be split across the four tasks.
    PackageGraph g = Graphs.random(5_000, 3.0, true, 11);
    int[] seeds = {1, 17, 4_000};
    RebuildSet reached = new ReverseClosure(g).closure(seeds, Policy.TRANSITIVE);
    int bad = reached.node(reached.size() / 2);
    IllegalStateException boom = new IllegalStateException("broken adjacency");
    ParallelClosure engine =
        new ParallelClosure(new Failing(g, bad, boom, Thread.currentThread()), executor, 4, 1);
    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> engine.closure(seeds, Policy.TRANSITIVE));
    assertSame(boom, thrown);
  }

  /**
   * Delegates to a graph but throws when a worker thread (any thread but {@code caller}) touches
   * {@code bad}: so {@code boom} can only reach the caller through the engine's rethrow.
   */
  private record Failing(DependencyGraph g, int bad, RuntimeException boom, Thread caller)
      implements DependencyGraph {
    private int check(int node) {
      if (node == bad && Thread.currentThread() != caller) {
        throw boom;
      }
      return node;
    }

    @Override
    public int nodeCount() {
      return g.nodeCount();
    }

    @Override
    public int edgeCount() {
      return g.edgeCount();
    }

    @Override
    public int inputsStart(int node) {
      return g.inputsStart(check(node));
    }

    @Override
    public int inputsEnd(int node) {
      return g.inputsEnd(node);
    }

    @Override
    public int input(int position) {
      return check(g.input(position));
    }

    @Override
    public int dependentsStart(int node) {
      return g.dependentsStart(check(node));
    }

    @Override
    public int dependentsEnd(int node) {
      return g.dependentsEnd(node);
    }

    @Override
    public int dependent(int position) {
      return check(g.dependent(position));
    }
  }
}
