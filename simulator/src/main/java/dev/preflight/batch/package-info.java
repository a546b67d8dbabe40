/**
 * Batch what-if on Apache Spark ({@code preflight batch}): many changes over one or several graphs,
 * each row answered by the same engines as the single-change commands, Spark only distributing the
 * rows. This is the one package of Preflight that imports {@code org.apache.spark}: the graph
 * travels as a compact {@link dev.preflight.batch.GraphSnapshot} broadcast once and decoded once
 * per executor JVM ({@link dev.preflight.batch.GraphCache}); the per-slice work is a serialisable
 * {@link dev.preflight.batch.SliceTask} that a {@link dev.preflight.batch.SparkDistributor} or the
 * plain {@link dev.preflight.batch.LocalDistributor} runs; inputs are validated on the driver
 * ({@link dev.preflight.batch.ChangesInput}) and outputs written there, atomically, as one file
 * ({@link dev.preflight.batch.OutputFormat}).
 */
package dev.preflight.batch;
