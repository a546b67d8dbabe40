package dev.preflight.batch;

import dev.preflight.graph.Progress;
import java.util.concurrent.atomic.AtomicLong;

/** Records progress events for assertions; thread-safe like every {@link Progress}. */
final class RecordingProgress implements Progress {
  final AtomicLong total = new AtomicLong(-2);
  final AtomicLong done = new AtomicLong();
  final AtomicLong starts = new AtomicLong();
  final AtomicLong finishes = new AtomicLong();
  final AtomicLong advancesAfterDone = new AtomicLong();

  @Override
  public void start(String task, long total) {
    this.total.set(total);
    starts.incrementAndGet();
  }

  @Override
  public void advance(long delta) {
    if (finishes.get() > 0) {
      advancesAfterDone.incrementAndGet();
    }
    done.addAndGet(delta);
  }

  @Override
  public void done() {
    finishes.incrementAndGet();
  }
}
