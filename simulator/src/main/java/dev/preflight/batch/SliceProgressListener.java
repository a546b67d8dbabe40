package dev.preflight.batch;

import dev.preflight.graph.Progress;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Turns Spark's task-end events of one job group into Preflight progress: each successfully
 * finished partition advances by its slice's weight, once (a retried or speculative duplicate
 * counts nothing).
 *
 * <p>Thread-safety: events arrive on Spark's listener-bus thread, asynchronously, so some may still
 * be queued when the driver's {@code collect()} returns. The driver therefore ends a successful run
 * with {@link #settle()}, which counts every partition no event has counted yet (the results are
 * in, so each partition finished), and a failed one with {@link #close()}. All counting happens
 * under one lock and stops at either call, so each partition is counted at most once, a successful
 * run reaches exactly its total, and nothing advances after the caller's {@code done()}.
 */
final class SliceProgressListener extends SparkListener {
  private static final String JOB_GROUP = "spark.jobGroup.id";

  private final String group;
  private final long[] weights;
  private final Progress progress;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final BitSet done = new BitSet();
  private boolean closed; // guarded by done

  SliceProgressListener(String group, long[] weights, Progress progress) {
    this.group = group;
    this.weights = weights.clone();
    this.progress = progress;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    if (jobStart.properties() != null
        && group.equals(jobStart.properties().getProperty(JOB_GROUP))) {
      for (StageInfo s : CollectionConverters.asJava(jobStart.stageInfos())) {
        stages.add(s.stageId());
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!stages.contains(taskEnd.stageId()) || !taskEnd.taskInfo().successful()) {
      return;
    }
    count(taskEnd.taskInfo().partitionId());
  }

  /** Counts partition {@code p} unless it was counted or the run is over. */
  void count(int p) {
    synchronized (done) {
      if (closed || p < 0 || p >= weights.length || done.get(p)) {
        return;
      }
      done.set(p);
      progress.advance(weights[p]);
    }
  }

  /**
   * The job's results are collected: counts the partitions whose events have not arrived yet, then
   * ignores every later event. Returns the weight it counted.
   */
  long settle() {
    synchronized (done) {
      if (closed) {
        return 0;
      }
      long rest = 0;
      for (int p = done.nextClearBit(0); p < weights.length; p = done.nextClearBit(p + 1)) {
        rest += weights[p];
      }
      done.set(0, weights.length);
      closed = true;
      if (rest > 0) {
        progress.advance(rest);
      }
      return rest;
    }
  }

  /** The job failed: ignores every later event, counting nothing more. */
  void close() {
    synchronized (done) {
      closed = true;
    }
  }
}
