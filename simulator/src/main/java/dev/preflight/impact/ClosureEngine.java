package dev.preflight.impact;

/**
 * The contract of every reverse-closure engine: given the changed nodes and a deterministic policy
 * ({@link Policy#TRANSITIVE}, {@link Policy#DIRECT} or {@link Policy#LOCAL}), the rebuild set with
 * each member's shortest distance from the nearest changed node.
 *
 * <p>Every implementation returns equal results for equal inputs (the contract test checks them
 * against each other and against JGraphT). {@link Policy#CUTOFF} is random and is answered by
 * {@code CutoffSimulation}; engines reject it with {@link IllegalArgumentException}.
 */
public interface ClosureEngine {

  /**
   * The rebuild set of {@code seeds} under {@code policy}.
   *
   * @param seeds changed nodes, in any order, duplicates allowed
   * @throws IllegalArgumentException for a node index out of range or {@link Policy#CUTOFF}
   */
  RebuildSet closure(int[] seeds, Policy policy);

  /** The rebuild set of a resolved change. */
  default RebuildSet closure(Changes changes, Policy policy) {
    return closure(changes.nodes(), policy);
  }
}
