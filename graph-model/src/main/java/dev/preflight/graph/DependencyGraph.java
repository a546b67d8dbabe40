package dev.preflight.graph;

/**
 * The narrowest read-only view of a directed graph that the engines need: node count and the two
 * adjacency directions, addressed by dense {@code int} node indexes.
 *
 * <p>An edge {@code a -> b} means "building {@code a} needs {@code b}": {@code b} is an input of
 * {@code a} and {@code a} is a dependent of {@code b}. Adjacency is read as a half-open range of
 * positions: {@code for (int i = inputsStart(v); i < inputsEnd(v); i++) use(input(i));} which is
 * allocation-free. Within a node's range, neighbours are sorted ascending and distinct; there are
 * no self-loops.
 *
 * <p>Implementations are immutable and safe to read from any number of threads.
 */
public interface DependencyGraph {

  /** Number of nodes; node indexes are {@code 0 .. nodeCount() - 1}. */
  int nodeCount();

  /** Number of distinct edges. */
  int edgeCount();

  /** First position of {@code node}'s inputs (build dependencies). */
  int inputsStart(int node);

  /** One past the last position of {@code node}'s inputs. */
  int inputsEnd(int node);

  /** The input node stored at {@code position}. */
  int input(int position);

  /** First position of {@code node}'s dependents (reverse edges). */
  int dependentsStart(int node);

  /** One past the last position of {@code node}'s dependents. */
  int dependentsEnd(int node);

  /** The dependent node stored at {@code position}. */
  int dependent(int position);

  default int inputCount(int node) {
    return inputsEnd(node) - inputsStart(node);
  }

  default int dependentCount(int node) {
    return dependentsEnd(node) - dependentsStart(node);
  }
}
