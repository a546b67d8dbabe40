package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The baseline impact profile: one plain breadth-first search over the dependents per node. It is
 * the oracle the {@link CondensationProfile} is tested against and the time it must beat.
 *
 * <p><b>Complexity:</b> {@code O(sum over v of (k_v + e_v))} where {@code k_v} is node {@code v}'s
 * rebuild count and {@code e_v} the dependents-list entries of that set: up to {@code O(V * (V +
 * E))} when most nodes reach a large cycle (the Debian graph). Memory: two {@code int[V]} scratch
 * arrays per task; the visited marks are generation stamps, so no array is cleared between nodes.
 *
 * <p><b>Thread-safety:</b> stateless; the nodes are split into {@code parallelism} contiguous
 * slices run on the caller's executor, each with its own scratch. A worker's exception is rethrown
 * with its original type.
 *
 * <p><b>Invariants</b> (checked at the end): every count is at least one (the node itself) and
 * larger than the node's direct dependents.
 */
public final class BfsProfile implements ProfileEngine {

  @Override
  public ImpactProfile profile(
      DependencyGraph graph, ExecutorService executor, int parallelism, Progress progress) {
    int n = graph.nodeCount();
    int[] counts = new int[n];
    int tasks = Math.max(1, Math.min(parallelism, n));
    progress.start("impact profile (per-node BFS)", n, "nodes");
    List<Future<?>> futures = new ArrayList<>(tasks);
    try {
      for (int t = 0; t < tasks; t++) {
        int from = (int) ((long) n * t / tasks);
        int to = (int) ((long) n * (t + 1) / tasks);
        futures.add(executor.submit(() -> countSlice(graph, from, to, counts, progress)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      CancellationException c = new CancellationException("profile interrupted");
      c.initCause(e);
      throw c;
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw ParallelClosure.rethrow(e.getCause());
    } finally {
      progress.done();
    }
    int[] direct = new int[n];
    for (int v = 0; v < n; v++) {
      direct[v] = graph.dependentCount(v);
    }
    return new ImpactProfile(counts, direct);
  }

  private static void countSlice(
      DependencyGraph g, int from, int to, int[] counts, Progress progress) {
    int n = g.nodeCount();
    int[] stamp = new int[n];
    int[] queue = new int[n];
    int generation = 0;
    for (int v = from; v < to; v++) {
      generation++;
      int tail = 0;
      queue[tail++] = v;
      stamp[v] = generation;
      for (int head = 0; head < tail; head++) {
        int u = queue[head];
        for (int p = g.dependentsStart(u), end = g.dependentsEnd(u); p < end; p++) {
          int w = g.dependent(p);
          if (stamp[w] != generation) {
            stamp[w] = generation;
            queue[tail++] = w;
          }
        }
      }
      counts[v] = tail;
      if (((v - from) & 1023) == 1023) {
        progress.advance(1024);
        if (Thread.currentThread().isInterrupted()) {
          throw new CancellationException("profile interrupted");
        }
      }
    }
    progress.advance((to - from) & 1023);
  }
}
