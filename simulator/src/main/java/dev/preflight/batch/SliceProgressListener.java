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
 * counts nothing). Events arrive on Spark's listener-bus thread.
 */
final class SliceProgressListener extends SparkListener {
  private static final String JOB_GROUP = "spark.jobGroup.id";

  private final String group;
  private final long[] weights;
  private final Progress progress;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final BitSet done = new BitSet();

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
    int p = taskEnd.taskInfo().partitionId();
    synchronized (done) {
      if (p < 0 || p >= weights.length || done.get(p)) {
        return;
      }
      done.set(p);
    }
    progress.advance(weights[p]);
  }
}
