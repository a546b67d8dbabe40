package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.Progress;
import java.util.concurrent.ExecutorService;

/**
 * The contract of every impact-profile engine: each node's transitive rebuild count if it alone
 * changed, and its direct dependents, for the whole graph. Implementations give equal results (the
 * contract test checks them against JGraphT and against each other).
 */
public interface ProfileEngine {

  /**
   * Profiles {@code graph}.
   *
   * @param executor runs the parallel parts; owned by the caller, never shut down here
   * @param parallelism how many tasks to split the work into
   * @param progress receives one task with units of work done
   */
  ImpactProfile profile(
      DependencyGraph graph, ExecutorService executor, int parallelism, Progress progress);
}
