package dev.preflight.batch;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link SliceTask} over slices of inputs: on Spark ({@link SparkDistributor}) or in a plain
 * loop in this JVM ({@link LocalDistributor}). Only the distribution differs; the slices, the task
 * and therefore the answers are the same.
 *
 * <p>Results come back in slice order, so the output follows the input order. A failure inside a
 * task is rethrown on the caller's thread with its root cause ({@link
 * dev.preflight.graph.InputException} unchanged).
 */
public interface Distributor {
  /** How many slices {@code inputCount} inputs are cut into by default. */
  int defaultSlices(int inputCount);

  /**
   * Runs {@code task} on every slice.
   *
   * @param name the task's name, shown by the progress listener
   * @param graphs the graphs the task may read, by label
   * @param slices consecutive runs of inputs
   * @param weights progress units of each slice (e.g. its row count)
   * @return every slice's outputs, concatenated in slice order
   */
  /** What a task's progress weights count, for the progress line: profile nodes or batch rows. */
  static String unitOf(String name) {
    return name.equals("impact profile") ? "nodes" : "rows";
  }

  <I extends Serializable, O extends Serializable> List<O> run(
      String name,
      Map<String, PackageGraph> graphs,
      List<List<I>> slices,
      long[] weights,
      SliceTask<I, O> task,
      Progress progress);
}
