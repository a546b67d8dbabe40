package dev.preflight.batch;

import java.io.Serializable;
import java.util.List;

/**
 * The work of one slice of a batch: turns consecutive inputs into outputs, reading graphs through
 * {@code graphs}. The same task object runs on Spark executors and in the {@link LocalDistributor}
 * loop, so both engines give the same answers by construction.
 *
 * <p>Implementations are serialisable (Spark ships them to executors) and must not capture a {@link
 * dev.preflight.graph.PackageGraph}: graphs come from {@code graphs}, once per JVM. A task may keep
 * per-slice scratch state (engines are not thread-safe), but nothing across calls.
 *
 * @param <I> input row type
 * @param <O> output row type
 */
@FunctionalInterface
public interface SliceTask<I, O> extends Serializable {
  /** The outputs of {@code slice}, in input order (any number per input). */
  List<O> run(List<I> slice, GraphSource graphs);
}
