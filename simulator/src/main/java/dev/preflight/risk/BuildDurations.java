package dev.preflight.risk;

import dev.preflight.graph.PackageGraph;

/**
 * How long a node's build takes, in seconds; the cost model's duration estimates plug in here.
 * Implementations return a finite value {@code > 0} for every node and are safe to call from any
 * thread.
 */
@FunctionalInterface
public interface BuildDurations {

  /** Build seconds of {@code node}. */
  double seconds(int node);

  /**
   * The graph's {@code buildSeconds}, else {@code defaultSeconds}; a recorded 0 counts as one
   * second so that per-hour ratios stay finite.
   */
  static BuildDurations fromGraph(PackageGraph graph, double defaultSeconds) {
    if (!(defaultSeconds > 0) || Double.isInfinite(defaultSeconds)) {
      throw new IllegalArgumentException("defaultSeconds must be > 0, got " + defaultSeconds);
    }
    return node -> {
      double s = graph.buildSeconds(node);
      return Double.isNaN(s) ? defaultSeconds : Math.max(1.0, s);
    };
  }
}
