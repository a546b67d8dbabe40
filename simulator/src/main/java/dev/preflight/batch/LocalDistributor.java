package dev.preflight.batch;

import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the slices one after another on the calling thread, without Spark: the baseline that the
 * benchmark compares Spark with, and the engine for batches too small to repay Spark's start-up.
 *
 * <p>Thread-safety: stateless; each call runs on the caller's thread.
 */
public final class LocalDistributor implements Distributor {
  /** Slices per run: only the progress bar's granularity depends on it. */
  static final int SLICES = 64;

  @Override
  public int defaultSlices(int inputCount) {
    return Math.max(1, Math.min(inputCount, SLICES));
  }

  @Override
  public <I extends Serializable, O extends Serializable> List<O> run(
      String name,
      Map<String, PackageGraph> graphs,
      List<List<I>> slices,
      long[] weights,
      SliceTask<I, O> task,
      Progress progress) {
    Map<String, PackageGraph> own = Map.copyOf(graphs);
    GraphSource source =
        label -> {
          PackageGraph g = own.get(label);
          if (g == null) {
            throw new IllegalArgumentException("no graph labelled '" + label + "'");
          }
          return g;
        };
    long total = 0;
    for (long w : weights) {
      total += w;
    }
    progress.start(name, total, Distributor.unitOf(name));
    try {
      List<O> out = new ArrayList<>();
      for (int i = 0; i < slices.size(); i++) {
        out.addAll(task.run(slices.get(i), source));
        progress.advance(weights[i]);
      }
      return out;
    } finally {
      progress.done();
    }
  }
}
