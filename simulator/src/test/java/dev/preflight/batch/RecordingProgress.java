package dev.preflight.batch;

import dev.preflight.graph.Progress;
import java.util.concurrent.atomic.AtomicLong;

/** Records progress events for assertions; thread-safe like every {@link Progress}. */
final class RecordingProgress implements Progress {
  final AtomicLong total = new AtomicLong(-2);
  final AtomicLong done = new AtomicLong();
  final AtomicLong starts = new AtomicLong();
  final AtomicLong finishes = new AtomicLong();

  @Override
  public void start(String task, long total) {
    this.total.set(total);
    starts.incrementAndGet();
  }

  @Override
  public void advance(long delta) {
    done.addAndGet(delta);
  }

  @Override
  public void done() {
    finishes.incrementAndGet();
  }

  /** Waits up to {@code millis} for the done count to reach the total (Spark reports late). */
  long awaitDone(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (done.get() < total.get() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    return done.get();
  }
}
