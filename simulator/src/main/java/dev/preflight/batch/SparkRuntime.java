package dev.preflight.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark session for a batch run, with Preflight's settings: {@code local[*]} unless a master is
 * named, the web UI off, the driver bound to {@code localhost} in local mode (so a machine whose
 * host name does not resolve still works), Spark's logs at {@code WARN} unless verbose, and a
 * private temporary folder for {@code spark.local.dir} and the SQL warehouse that {@link #close}
 * deletes.
 *
 * <p>The caller owns the session: create it with {@link #start}, pass {@link #session()} to a
 * {@link SparkDistributor}, close it when done (tests share one per class). Spark allows one active
 * session per JVM: {@link #start} joins one that already runs (with that session's settings), and
 * {@link #close} stops it.
 *
 * <p>Thread-safety: start and close from one thread; the session itself is thread-safe.
 */
public final class SparkRuntime implements AutoCloseable {
  /** The master used when none is named: every core of this machine. */
  public static final String DEFAULT_MASTER = "local[*]";

  /**
   * How to start Spark.
   *
   * @param master a Spark master URL ({@code local[*]}, {@code local[2]}, {@code
   *     spark://host:7077}, {@code yarn}, {@code k8s://...}); null for {@link #DEFAULT_MASTER}
   * @param ui whether to start Spark's web UI
   * @param verbose whether Spark may log at {@code INFO}
   * @param appName the application name shown by the cluster manager
   */
  public record Options(String master, boolean ui, boolean verbose, String appName) {
    public Options {
      master = master == null || master.isBlank() ? DEFAULT_MASTER : master.strip();
      appName = appName == null || appName.isBlank() ? "preflight batch" : appName;
    }

    /** Local mode on every core, UI off, quiet. */
    public static Options defaults() {
      return new Options(null, false, false, null);
    }

    /** The same options with another master. */
    public Options withMaster(String m) {
      return new Options(m, ui, verbose, appName);
    }

    /** Whether the master runs everything on this machine (local or local-cluster mode). */
    public boolean isLocal() {
      return isLocalMaster(master);
    }
  }

  static boolean isLocalMaster(String master) {
    String m = master.toLowerCase(Locale.ROOT);
    return m.equals("local") || m.startsWith("local[") || m.startsWith("local-cluster[");
  }

  private static Path jvmTempDir; // guarded by SparkRuntime.class

  private final SparkSession session;
  private final Path tempDir;
  private final Options options;

  private SparkRuntime(SparkSession session, Path tempDir, Options options) {
    this.session = session;
    this.tempDir = tempDir;
    this.options = options;
  }

  /**
   * Starts (or joins, if this JVM already runs one) a Spark session with {@code options}.
   *
   * <p>A session already active in this JVM (e.g. under {@code spark-submit} with a session made by
   * the caller) is reused with its own settings; only the log level is adjusted.
   */
  public static SparkRuntime start(Options options) {
    Objects.requireNonNull(options, "options");
    Path tmp = jvmTempDir();
    try {
      SparkSession.Builder b =
          SparkSession.builder()
              .appName(options.appName())
              .config("spark.ui.enabled", options.ui())
              .config("spark.ui.showConsoleProgress", false)
              .config("spark.local.dir", tmp.resolve("local").toString())
              .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toUri().toString())
              // Our tasks are few and coarse; Spark's adaptive machinery only adds start-up work.
              .config("spark.sql.shuffle.partitions", 4L);
      // Under spark-submit the master comes from its --master (a system property) unless the
      // caller named one explicitly.
      String submitted = System.getProperty("spark.master");
      String master =
          submitted != null && options.master().equals(DEFAULT_MASTER)
              ? submitted
              : options.master();
      b = b.master(master);
      if (isLocalMaster(master)) {
        b =
            b.config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1");
      }
      SparkSession session = b.getOrCreate();
      session.sparkContext().setLogLevel(options.verbose() ? "INFO" : "WARN");
      return new SparkRuntime(session, tmp, options);
    } catch (RuntimeException | Error e) {
      deleteContents(tmp);
      throw e;
    }
  }

  /**
   * The temporary folder of every session of this JVM, made once and deleted when the JVM exits.
   * One per JVM because Spark caches its local directories for the life of the JVM: a second
   * session would write into the first one's folder whatever {@code spark.local.dir} says.
   */
  private static synchronized Path jvmTempDir() {
    if (jvmTempDir == null) {
      try {
        jvmTempDir = Files.createTempDirectory("preflight-spark-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary folder for Spark", e);
      }
      Path dir = jvmTempDir;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> deleteTree(dir), "preflight-spark-cleanup"));
    }
    return jvmTempDir;
  }

  public SparkSession session() {
    return session;
  }

  public Options options() {
    return options;
  }

  /**
   * The private temporary folder: emptied on {@link #close}, deleted when the JVM exits (it is
   * shared by the sessions of one JVM, see {@link #jvmTempDir}).
   */
  public Path tempDir() {
    return tempDir;
  }

  /**
   * Lets {@code stop} end this session's work (see {@link SignalStop}): on its signal Spark's
   * logging goes down to errors (a cancelled task is not news) and every job is cancelled ({@code
   * SparkContext.cancelAllJobs}, as {@code spark-shell} does on Ctrl-C in {@code
   * org.apache.spark.repl.Signaling}); a job submitted after the signal is cancelled as it starts.
   * The driver's waiting {@code collect} then fails and the caller reports the signal.
   */
  public void cancelJobsOn(SignalStop stop) {
    session
        .sparkContext()
        .addSparkListener(
            new org.apache.spark.scheduler.SparkListener() {
              @Override
              public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart jobStart) {
                if (stop.interruptedBy() != null) {
                  session.sparkContext().cancelJob(jobStart.jobId());
                }
              }
            });
    stop.onSignal(
        () -> {
          stoppedBySignal = true;
          try {
            session.sparkContext().setLogLevel("ERROR");
            session.sparkContext().cancelAllJobs();
          } catch (RuntimeException e) {
            // The context is stopping already: nothing to cancel.
          }
        });
  }

  private volatile boolean stoppedBySignal;

  /**
   * Stops the session and empties the temporary folder. After a signal ({@link #cancelJobsOn}) it
   * first lets the cancelled jobs drain (up to 5 s), then stops quietly: Scala futures of cancelled
   * jobs that complete while Spark shuts its thread pools down print a {@code
   * RejectedExecutionException} trace straight to {@code System.err} (Scala's default reporter, not
   * a logger), which is noise after a Ctrl-C, so {@code System.err} is muted for the stop.
   */
  @Override
  public void close() {
    try {
      if (stoppedBySignal) {
        drainJobs(5_000);
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
          session.stop();
        } finally {
          System.setErr(err);
        }
      } else {
        session.stop();
      }
    } finally {
      deleteContents(tempDir);
    }
  }

  private void drainJobs(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    try {
      while (session.sparkContext().statusTracker().getActiveJobIds().length > 0
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The context is stopping already.
    }
  }

  /** Deletes everything under {@code root}, keeping {@code root}; best effort. */
  static void deleteContents(Path root) {
    if (root == null || !Files.isDirectory(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> children = Files.list(root)) {
      children.forEach(SparkRuntime::deleteTree);
    } catch (IOException e) {
      // Best effort: a leftover temporary file must not turn a good run into a failure.
    }
  }

  /** Deletes {@code root} and everything under it; best effort, going on past failures. */
  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              quietlyDelete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
              quietlyDelete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Best effort, as above.
    }
  }

  private static void quietlyDelete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // Best effort: e.g. a directory another thread is still writing into.
    }
  }
}
