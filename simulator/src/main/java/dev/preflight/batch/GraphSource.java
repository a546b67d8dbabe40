package dev.preflight.batch;

import dev.preflight.graph.PackageGraph;
import java.io.Serializable;

/**
 * How a {@link SliceTask} finds the graph a row names, on whichever JVM it runs: the driver's own
 * graphs in the local engine, the broadcast snapshots (decoded once per JVM through {@link
 * GraphCache}) on Spark. Serialisable and cheap to ship: it never holds a decoded graph in its
 * serialised form.
 */
public interface GraphSource extends Serializable {
  /**
   * The graph with this label.
   *
   * @throws IllegalArgumentException for a label the batch did not declare (the driver validates
   *     labels before any task runs)
   */
  PackageGraph graph(String label);
}
