package dev.preflight.graph;

/**
 * Receives progress of long-running work (imports, profiles, simulations). The command line draws a
 * bar on a terminal; tests record the events. Implementations must be thread-safe: {@link #advance}
 * may be called from worker threads.
 */
public interface Progress {

  /** A listener that ignores everything. */
  Progress NONE =
      new Progress() {
        @Override
        public void start(String task, long total) {}

        @Override
        public void advance(long delta) {}

        @Override
        public void done() {}
      };

  /**
   * A task begins.
   *
   * @param total units of work, or -1 when unknown
   */
  void start(String task, long total);

  /**
   * A task begins, counted in {@code unit} ({@code stanzas}, {@code rows}, {@code bytes}, ...),
   * which the command line shows beside the counts. Listeners that do not show units need not
   * override this.
   *
   * @param total units of work, or -1 when unknown
   */
  default void start(String task, long total, String unit) {
    start(task, total);
  }

  /** {@code delta} more units are done. */
  void advance(long delta);

  /** The current task is finished. */
  void done();
}
