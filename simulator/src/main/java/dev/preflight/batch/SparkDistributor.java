package dev.preflight.batch;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the slices as the partitions of one Spark job: one partition per slice, so Spark's partition
 * id is the slice index. Each graph is encoded once on the driver ({@link GraphSnapshot}),
 * broadcast once, and decoded at most once per executor JVM ({@link GraphCache}); the task closure
 * itself carries only the broadcast handles.
 *
 * <p>Progress: a {@link SparkListener} counts the finished partitions of this job (identified by a
 * job group) and advances the caller's {@link Progress} by each slice's weight, once per slice even
 * if Spark retries it. Its events arrive asynchronously, so when {@code collect()} returns the
 * listener is settled ({@link SliceProgressListener#settle}): the slices not yet counted are
 * counted from the collected results, and late events count nothing. A successful run has advanced
 * by exactly its total when it returns.
 *
 * <p>Thread-safety: one run at a time per instance (the job group is set on the calling thread).
 * The caller owns the session.
 */
public final class SparkDistributor implements Distributor {
  /** Slices per core: enough for load balance and a smooth progress bar, few enough to be cheap. */
  static final int SLICES_PER_CORE = 8;

  private final SparkSession session;
  private final boolean shareDriverGraphs;

  /** Distributes over {@code session}'s executors. */
  public SparkDistributor(SparkSession session) {
    this(session, true);
  }

  /**
   * @param shareDriverGraphs whether executors in the driver's JVM (local mode) may use the
   *     driver's decoded graphs; tests turn it off to exercise decoding
   */
  SparkDistributor(SparkSession session, boolean shareDriverGraphs) {
    this.session = session;
    this.shareDriverGraphs = shareDriverGraphs;
  }

  @Override
  public int defaultSlices(int inputCount) {
    int cores = Math.max(1, session.sparkContext().defaultParallelism());
    return Math.max(1, Math.min(inputCount, cores * SLICES_PER_CORE));
  }

  @Override
  public <I extends Serializable, O extends Serializable> List<O> run(
      String name,
      Map<String, PackageGraph> graphs,
      List<List<I>> slices,
      long[] weights,
      SliceTask<I, O> task,
      Progress progress) {
    if (slices.isEmpty()) {
      return List.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    Map<String, Broadcast<GraphSnapshot>> broadcasts = new LinkedHashMap<>();
    List<GraphSnapshot> snapshots = new ArrayList<>();
    String group = "preflight-" + UUID.randomUUID();
    SliceProgressListener listener = new SliceProgressListener(group, weights, progress);
    long total = 0;
    for (long w : weights) {
      total += w;
    }
    progress.start(name, total, Distributor.unitOf(name));
    session.sparkContext().addSparkListener(listener);
    try {
      boolean sameJvm = shareDriverGraphs && session.sparkContext().isLocal();
      for (Map.Entry<String, PackageGraph> e : graphs.entrySet()) {
        GraphSnapshot s;
        if (sameJvm) {
          s = GraphSnapshot.local(e.getValue());
        } else {
          s = GraphSnapshot.of(e.getValue());
          if (shareDriverGraphs) {
            GraphCache.register(s, e.getValue());
          }
        }
        snapshots.add(s);
        broadcasts.put(e.getKey(), jsc.broadcast(s));
      }
      jsc.setJobGroup(group, name, false);
      List<List<O>> parts =
          jsc.parallelize(new ArrayList<>(slices), slices.size())
              .map(new RunSlice<>(task, new BroadcastGraphs(broadcasts)))
              .collect();
      // Every partition's result is in; its task-end event may still be on the listener bus.
      listener.settle();
      List<O> out = new ArrayList<>();
      for (List<O> part : parts) {
        out.addAll(part);
      }
      return out;
    } catch (Exception e) {
      throw rootCause(e);
    } finally {
      listener.close();
      jsc.clearJobGroup();
      session.sparkContext().removeSparkListener(listener);
      for (Broadcast<GraphSnapshot> b : broadcasts.values()) {
        b.destroy();
      }
      for (GraphSnapshot s : snapshots) {
        GraphCache.release(s);
      }
      progress.done();
    }
  }

  /**
   * What the caller sees of a failed job: the worker's own exception (an {@link InputException}
   * anywhere in the chain first, else the root cause) when Spark shipped it back, else the failure
   * wrapped with the root cause's message.
   */
  static RuntimeException rootCause(Exception e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InputException ie) {
        return ie;
      }
      root = t;
    }
    if (root instanceof RuntimeException re) {
      return re;
    }
    return new IllegalStateException("batch job failed: " + root, root);
  }

  /** The task as Spark sees it: a function from one slice to its outputs. */
  private static final class RunSlice<I, O> implements Function<List<I>, List<O>> {
    private static final long serialVersionUID = 1L;
    private final SliceTask<I, O> task;
    private final GraphSource graphs;

    RunSlice(SliceTask<I, O> task, GraphSource graphs) {
      this.task = task;
      this.graphs = graphs;
    }

    @Override
    public List<O> call(List<I> slice) {
      // A concrete, serialisable list whatever the task returns.
      return new ArrayList<>(task.run(slice, graphs));
    }
  }

  /** Graphs from broadcast snapshots, decoded once per JVM. */
  private static final class BroadcastGraphs implements GraphSource {
    private static final long serialVersionUID = 1L;
    private final Map<String, Broadcast<GraphSnapshot>> broadcasts;

    BroadcastGraphs(Map<String, Broadcast<GraphSnapshot>> broadcasts) {
      this.broadcasts = new LinkedHashMap<>(broadcasts);
    }

    @Override
    public PackageGraph graph(String label) {
      Broadcast<GraphSnapshot> b = broadcasts.get(label);
      if (b == null) {
        throw new IllegalArgumentException("no graph labelled '" + label + "'");
      }
      return GraphCache.get(b.value());
    }
  }
}
