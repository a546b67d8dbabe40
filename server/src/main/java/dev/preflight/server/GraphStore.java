package dev.preflight.server;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The named graphs the server answers on, each an {@link AtomicReference} to an immutable {@link
 * Snapshot}. A request reads the reference once and works on that snapshot to the end; a reload
 * loads the new graph completely off to the side and then swaps the reference, so no request sees a
 * half-loaded graph and in-flight requests finish on the old one (the garbage collector frees it
 * when the last of them ends). A failed reload leaves the reference alone and says why.
 *
 * <p>Reloads of one graph are serialized (its entry's lock); reloads of different graphs and all
 * reads run concurrently. The optional watcher polls each file's size and modification time (a poll
 * rather than a WatchService: it sees a file replaced by rename, and works the same on every file
 * system) and reloads a graph whose file changed.
 */
final class GraphStore implements AutoCloseable {
  /** What a reload did: the snapshot now served, whether it is new, and the error if not. */
  record Reload(Snapshot current, boolean swapped, String error) {}

  private static final class Entry {
    final GraphSource source;
    final AtomicReference<Snapshot> current = new AtomicReference<>();
    // The file's size and time when last tried, loaded or not: the watcher retries a broken file
    // only when it changes again.
    volatile long[] seen;

    Entry(GraphSource source) {
      this.source = source;
    }
  }

  private final Map<String, Entry> entries;
  private final PrintStream log;
  private final Clock clock;
  private final AtomicLong generations = new AtomicLong();
  private final ScheduledExecutorService watcher;
  private volatile BiConsumer<String, Boolean> onReload = (name, ok) -> {};

  /**
   * Loads every source (in order); a graph that fails to load fails the start with its one-line
   * error.
   */
  GraphStore(List<GraphSource> sources, PrintStream log, Clock clock) {
    this.log = log;
    this.clock = clock;
    Map<String, Entry> m = new LinkedHashMap<>();
    for (GraphSource s : sources) {
      if (m.putIfAbsent(s.name(), new Entry(s)) != null) {
        throw InputException.of("--graph: the name '" + s.name() + "' is given twice");
      }
    }
    this.entries = Collections.unmodifiableMap(m);
    for (Entry e : entries.values()) {
      e.current.set(load(e));
    }
    this.watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "preflight-graph-watcher");
              t.setDaemon(true);
              return t;
            });
  }

  /** Called after every reload attempt with the graph's name and whether it swapped. */
  void onReload(BiConsumer<String, Boolean> listener) {
    this.onReload = listener;
  }

  /** Polls the files every {@code millis} ms and reloads those that changed (0: never). */
  void watch(long millis) {
    if (millis > 0) {
      watcher.scheduleWithFixedDelay(this::reloadChanged, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /** The graph names, in the order given. */
  List<String> names() {
    return new ArrayList<>(entries.keySet());
  }

  /** The first graph's name: the one a request without {@code graph} is answered on. */
  String defaultName() {
    return entries.keySet().iterator().next();
  }

  /** The current snapshot of {@code name}, or null for an unknown name. */
  Snapshot get(String name) {
    Entry e = entries.get(name);
    return e == null ? null : e.current.get();
  }

  /** Whether every graph is loaded (always after construction; for /readyz). */
  boolean ready() {
    return entries.values().stream().allMatch(e -> e.current.get() != null);
  }

  /**
   * Loads {@code name}'s file again and swaps it in; on failure keeps the old snapshot and returns
   * the one-line reason.
   */
  Reload reload(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      return null;
    }
    synchronized (e) {
      Snapshot old = e.current.get();
      try {
        Snapshot next = load(e);
        e.current.set(next);
        log.printf(
            "preflight: graph %s reloaded from %s: %,d nodes in %.2f s%n",
            name, e.source.file(), next.graph.nodeCount(), next.loadSeconds);
        onReload.accept(name, true);
        return new Reload(next, true, null);
      } catch (InputException | java.io.UncheckedIOException | OutOfMemoryError ex) {
        String why = ex instanceof OutOfMemoryError ? "out of memory" : ex.getMessage();
        log.printf(
            "preflight: graph %s: reload failed, still serving the old graph: %s%n", name, why);
        onReload.accept(name, false);
        return new Reload(old, false, why);
      }
    }
  }

  private void reloadChanged() {
    for (Entry e : entries.values()) {
      long[] stamp = stamp(e.source.file());
      if (stamp != null && !java.util.Arrays.equals(stamp, e.seen)) {
        reload(e.source.name());
      }
    }
  }

  private Snapshot load(Entry e) {
    GraphSource s = e.source;
    long[] stamp = stamp(s.file());
    e.seen = stamp;
    long t0 = System.nanoTime();
    PackageGraph g = GraphFormat.load(s.file(), s.inputFormat(), Progress.NONE);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Snapshot(
        s.name(),
        s.file(),
        s.inputFormat(),
        g,
        Instant.now(clock),
        seconds,
        stamp == null ? -1 : stamp[0],
        stamp == null ? -1 : stamp[1],
        generations.incrementAndGet());
  }

  /** Size and modification time (ns) of {@code file}, or null when it cannot be read. */
  private static long[] stamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new long[] {a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)};
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    watcher.shutdownNow();
  }
}
