package dev.preflight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress count without Spark: the events' order against the driver's settle or close. */
final class SliceProgressListenerTest {

  @Test
  void count_eachPartitionOnce_byItsWeight() {
    RecordingProgress p = new RecordingProgress();
    SliceProgressListener l = new SliceProgressListener("g", new long[] {3, 5, 7}, p);
    l.count(1);
    l.count(1); // a retried or speculative duplicate
    l.count(-1);
    l.count(3); // not a partition of this job
    assertEquals(5, p.done.get());
  }

  @Test
  void settle_countsThePartitionsWhoseEventsHaveNotArrived_thenIgnoresLateEvents() {
    RecordingProgress p = new RecordingProgress();
    SliceProgressListener l = new SliceProgressListener("g", new long[] {3, 5, 7}, p);
    l.count(2);
    assertEquals(8, l.settle());
    assertEquals(15, p.done.get());
    l.count(0); // the event of partition 0, arriving after collect() returned
    l.count(1);
    assertEquals(0, l.settle());
    assertEquals(15, p.done.get(), "the total exactly, never more");
  }

  @Test
  void settle_afterEveryEvent_countsNothingMore() {
    RecordingProgress p = new RecordingProgress();
    SliceProgressListener l = new SliceProgressListener("g", new long[] {2, 2}, p);
    l.count(0);
    l.count(1);
    assertEquals(0, l.settle());
    assertEquals(4, p.done.get());
  }

  @Test
  void close_afterAFailure_countsNothingMore() {
    RecordingProgress p = new RecordingProgress();
    SliceProgressListener l = new SliceProgressListener("g", new long[] {3, 5}, p);
    l.count(0);
    l.close();
    l.count(1);
    assertEquals(0, l.settle());
    assertEquals(3, p.done.get());
  }
}
