package dev.preflight.cli;

import dev.preflight.graph.Progress;
import dev.preflight.report.Fmt;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Draws one progress line on stderr when stderr is a terminal, at most ten times a second; silent
 * otherwise, so logs and CI output stay clean. The line names the task, the count with its unit
 * and, when the total is known, the share done and the time left, e.g. {@code resolving
 * build-dependencies: 34,288/63,000 sources 54% ETA 3s} (the estimate is the rate so far,
 * extrapolated: elapsed x remaining / done).
 */
final class TerminalProgress implements Progress {
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream err;
  private final LongSupplier nanoTime;
  private final AtomicLong done = new AtomicLong();
  private volatile String task = "";
  private volatile String unit = "";
  private volatile long total = -1;
  private volatile long lastDraw;
  private volatile long startNanos;

  /** A line on {@code err}, timed by {@code nanoTime} (tests pass a fake clock). */
  TerminalProgress(PrintStream err, LongSupplier nanoTime) {
    this.err = err;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  /** A line on stderr if it is a terminal, else {@link Progress#NONE}. */
  static Progress forStderr() {
    boolean tty =
        dev.preflight.report.render.Terminal.stderr()
            && System.getenv("PREFLIGHT_NO_PROGRESS") == null;
    return tty ? new TerminalProgress(System.err, System::nanoTime) : Progress.NONE;
  }

  @Override
  public void start(String task, long total) {
    start(task, total, "");
  }

  @Override
  public void start(String task, long total, String unit) {
    this.task = task;
    this.unit = unit;
    this.total = total;
    this.startNanos = nanoTime.getAsLong();
    done.set(0);
    draw(true);
  }

  @Override
  public void advance(long delta) {
    done.addAndGet(delta);
    draw(false);
  }

  @Override
  public void done() {
    synchronized (this) {
      err.print("\r\033[2K");
      err.flush();
    }
  }

  private void draw(boolean force) {
    long now = nanoTime.getAsLong();
    if (!force && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    synchronized (this) {
      lastDraw = now;
      err.print("\r\033[2K" + line(task, unit, done.get(), total, now - startNanos));
      err.flush();
    }
  }

  /**
   * The text of one progress line: {@code task: done/total unit pct% ETA t} with a known total,
   * {@code task: done unit t} without one (t the time so far). Byte counts are shown in MB.
   */
  static String line(String task, String unit, long done, long total, long elapsedNanos) {
    boolean bytes = unit.equals("bytes");
    String u = bytes ? " MB" : unit.isEmpty() ? "" : " " + unit;
    if (total <= 0) {
      return Fmt.format("%s: %s%s %s", task, count(done, bytes), u, duration(elapsedNanos));
    }
    long d = Math.min(done, total);
    String eta = d == 0 ? "" : " ETA " + duration((long) ((double) elapsedNanos * (total - d) / d));
    return Fmt.format(
        "%s: %s/%s%s %d%%%s", task, count(d, bytes), count(total, bytes), u, d * 100 / total, eta);
  }

  private static String count(long n, boolean bytes) {
    return bytes ? Fmt.format("%,.1f", n / 1e6) : Fmt.format("%,d", n);
  }

  /** {@code 3s}, {@code 2m05s}, {@code 1h02m}: whole seconds, rounded up while time is left. */
  static String duration(long nanos) {
    long s = (nanos + 999_999_999L) / 1_000_000_000L;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return Fmt.format("%dm%02ds", s / 60, s % 60);
    }
    return Fmt.format("%dh%02dm", s / 3600, s % 3600 / 60);
  }
}
