package dev.preflight.batch;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM as a clean stop of a long run, from {@link #install} until {@link
 * #close}: the first signal is remembered ({@link #interruptedBy}) and runs the action given to
 * {@link #onSignal} (for Spark: cancel the jobs, {@link SparkRuntime#cancelJobsOn}); the run then
 * fails, the caller closes its resources, prints {@link #message} once ({@link #claimReport}) and
 * exits with {@link #exitCode}, 128 + the signal's number as a shell reports it (130, 143). If the
 * run has not ended {@link #GRACE_SECONDS} after the signal, or on a second signal, the JVM exits
 * with that code at once (its shutdown hooks still delete temporary files), printing the message if
 * nobody has. Without this the JVM's default would run Spark's shutdown hook, which stops the
 * context under the running job and lets its stack trace through. A signal the JVM keeps for itself
 * (run with {@code -Xrs}) keeps its default.
 *
 * <p>Thread-safety: the handlers run on the JVM's signal thread; state is volatile or atomic.
 */
public final class SignalStop implements AutoCloseable {
  /** Seconds after a signal before the JVM exits even if the run did not end by itself. */
  public static final int GRACE_SECONDS = 30;

  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
  private final AtomicBoolean reported = new AtomicBoolean();

  /**
   * stderr as it was at {@link #install}: the stop may mute {@code System.err} while Spark shuts
   * down ({@link SparkRuntime#close}), and a grace-period exit in that window must still say why.
   */
  private final PrintStream err = System.err;

  private volatile Signal signal;
  private volatile Runnable action;

  private SignalStop() {}

  /** Handles SIGINT and SIGTERM from now until {@link #close}. */
  public static SignalStop install() {
    SignalStop stop = new SignalStop();
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal s = new Signal(name);
        stop.previous.put(s, Signal.handle(s, stop::handle));
      } catch (IllegalArgumentException e) {
        // Used by the JVM (-Xrs): the default stays.
      }
    }
    return stop;
  }

  /** Runs {@code a} on the first signal, or now if one already arrived. */
  public void onSignal(Runnable a) {
    action = a;
    if (signal != null) {
      a.run();
    }
  }

  private void handle(Signal s) {
    if (signal != null) {
      exitNow(); // a second Ctrl-C: leave now
      return;
    }
    signal = s;
    Runnable a = action;
    if (a != null) {
      a.run();
    }
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(GRACE_SECONDS * 1000L);
              } catch (InterruptedException e) {
                return;
              }
              exitNow();
            },
            "preflight-signal-grace");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private void exitNow() {
    if (claimReport()) {
      err.println(message());
      err.flush();
    }
    System.exit(exitCode());
  }

  /** The signal that stopped the run ({@code "INT"}, {@code "TERM"}), or null. */
  public String interruptedBy() {
    Signal s = signal;
    return s == null ? null : s.getName();
  }

  /** {@code 128 +} the signal's number (130 for SIGINT, 143 for SIGTERM); 0 without a signal. */
  public int exitCode() {
    Signal s = signal;
    return s == null ? 0 : 128 + s.getNumber();
  }

  /** The one line that reports the stop. */
  public String message() {
    return "preflight: interrupted (SIG"
        + interruptedBy()
        + "): Spark jobs cancelled, session stopped, nothing written";
  }

  /** True for the first caller only: who prints {@link #message}. */
  public boolean claimReport() {
    return reported.compareAndSet(false, true);
  }

  /** Restores the previous handlers. */
  @Override
  public void close() {
    previous.forEach(Signal::handle);
    previous.clear();
  }
}
