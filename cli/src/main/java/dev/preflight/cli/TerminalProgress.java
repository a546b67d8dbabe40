package dev.preflight.cli;

import dev.preflight.graph.Progress;
import dev.preflight.report.Fmt;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Draws a progress bar on stderr when stderr is a terminal, at most ten times a second; silent
 * otherwise, so logs and CI output stay clean.
 */
final class TerminalProgress implements Progress {
  private final PrintStream err;
  private final AtomicLong done = new AtomicLong();
  private volatile String task = "";
  private volatile long total = -1;
  private volatile long lastDraw;
  private final long startNanos = System.nanoTime();

  private TerminalProgress(PrintStream err) {
    this.err = err;
  }

  /** A bar on stderr if it is a terminal, else {@link Progress#NONE}. */
  static Progress forStderr() {
    boolean tty =
        dev.preflight.report.render.Terminal.stderr()
            && System.getenv("PREFLIGHT_NO_PROGRESS") == null;
    return tty ? new TerminalProgress(System.err) : Progress.NONE;
  }

  @Override
  public void start(String task, long total) {
    this.task = task;
    this.total = total;
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
    long now = System.nanoTime();
    if (!force && now - lastDraw < 100_000_000L) {
      return;
    }
    synchronized (this) {
      lastDraw = now;
      long d = done.get();
      long t = total;
      String elapsed = Fmt.format("%.1fs", (now - startNanos) / 1e9);
      String line;
      if (t > 0) {
        int width = 30;
        int filled = (int) Math.min(width, d * width / t);
        line =
            Fmt.format(
                "%s [%s%s] %d/%d %s",
                task, "#".repeat(filled), " ".repeat(width - filled), d, t, elapsed);
      } else {
        line = Fmt.format("%s %d %s", task, d, elapsed);
      }
      err.print("\r\033[2K" + line);
      err.flush();
    }
  }
}
