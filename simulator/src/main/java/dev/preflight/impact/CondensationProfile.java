package dev.preflight.impact;

import dev.preflight.graph.DependencyGraph;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.scc.Components;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fast impact profile: reachability bitsets over the SCC condensation, computed in column
 * blocks, in parallel.
 *
 * <p><b>Idea.</b> All members of a strongly connected component have the same rebuild set, so one
 * set per component suffices: {@code reach(c) = members(c) ∪ ⋃ reach(d)} over the components {@code
 * d} that need {@code c}. Components are numbered dependency-first ({@link Components}), so
 * visiting them from the highest number down sees every dependent before its inputs. Bits are
 * indexed by <em>node position in component order</em> (component {@code c} owns the contiguous
 * positions {@code [membersStart(c), membersEnd(c))}), so a set's popcount is directly its node
 * count — no weights for large components.
 *
 * <p><b>Memory.</b> A full matrix would take {@code C * V} bits (145 MB for the Debian graph).
 * Instead the bit columns are cut into blocks of {@code W * 64} positions, sized so that one
 * block's rows ({@code C * W} longs) fit the per-task budget; a block only needs the rows of
 * components that start before its end, because a component reaches only positions at or after its
 * own start. Each task owns one row buffer and takes blocks from a shared counter; the
 * per-component counts are summed over blocks. Each row also keeps the word range it actually
 * touches, so a row holding a handful of bits is OR-ed as a handful of words, and rows empty in a
 * block are skipped.
 *
 * <p><b>Complexity:</b> with {@code B} blocks, {@code O(B * (C + E_c) + sum over condensation edges
 * (c, d) and blocks of the touched words of d's row)} time — at most {@code O(E_c * V / 64)}, in
 * practice far less because most rows are narrow — and {@code O(tasks * C * W)} memory, plus {@code
 * O(V)} for the result. Iterative throughout.
 *
 * <p><b>Thread-safety:</b> stateless; the caller owns the executor. A worker's exception is
 * rethrown with its original type; an interrupt cancels with {@link CancellationException}.
 *
 * <p><b>Invariants</b> (checked at the end): each component's count is at least its size, and at
 * least its size plus the count of each of its dependents (their rebuild sets are strict subsets).
 * Results are independent of the task count: counts are integer sums over disjoint blocks.
 */
public final class CondensationProfile implements ProfileEngine {
  /** Default row-buffer budget per task. */
  public static final long DEFAULT_BUDGET_BYTES = 8L << 20;

  private final long budgetBytes;

  public CondensationProfile() {
    this(DEFAULT_BUDGET_BYTES);
  }

  /** A profile engine whose tasks each use at most about {@code budgetBytes} of row buffer. */
  public CondensationProfile(long budgetBytes) {
    if (budgetBytes < 8) {
      throw new IllegalArgumentException("budget must be at least one word");
    }
    this.budgetBytes = budgetBytes;
  }

  @Override
  public ImpactProfile profile(
      DependencyGraph graph, ExecutorService executor, int parallelism, Progress progress) {
    Components comps = graph instanceof PackageGraph pg ? pg.components() : Components.of(graph);
    int n = graph.nodeCount();
    int c = comps.count();
    int[] direct = new int[n];
    for (int v = 0; v < n; v++) {
      direct[v] = graph.dependentCount(v);
    }
    if (n == 0) {
      return new ImpactProfile(new int[0], direct);
    }
    int allWords = RebuildSet.words(n);
    int wordsPerRow = (int) Math.max(1, Math.min(allWords, budgetBytes / 8 / c));
    int blockBits = wordsPerRow * 64;
    int blocks = (n + blockBits - 1) / blockBits;
    int tasks = Math.max(1, Math.min(parallelism, blocks));
    progress.start("impact profile", blocks, "blocks");
    AtomicInteger nextBlock = new AtomicInteger();
    // Condensation edges found transitively redundant, shared by the tasks (see BlockWorker).
    byte[] redundant = new byte[comps.edgeCount()];
    List<Future<int[]>> futures = new ArrayList<>(tasks);
    int[] counts = new int[c];
    try {
      for (int t = 0; t < tasks; t++) {
        futures.add(
            executor.submit(
                () ->
                    new BlockWorker(comps, wordsPerRow, redundant)
                        .run(nextBlock, blocks, n, progress)));
      }
      for (Future<int[]> f : futures) {
        int[] partial = f.get();
        for (int k = 0; k < c; k++) {
          counts[k] += partial[k];
        }
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      CancellationException ce = new CancellationException("profile interrupted");
      ce.initCause(e);
      throw ce;
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw ParallelClosure.rethrow(e.getCause());
    } finally {
      progress.done();
    }
    checkInvariants(comps, counts);
    int[] perNode = new int[n];
    for (int v = 0; v < n; v++) {
      perNode[v] = counts[comps.componentOf(v)];
    }
    return new ImpactProfile(perNode, direct);
  }

  private static void checkInvariants(Components comps, int[] counts) {
    for (int k = 0; k < comps.count(); k++) {
      if (counts[k] < comps.size(k)) {
        throw new IllegalStateException("component " + k + " counts fewer than its members");
      }
      for (int p = comps.dependentsStart(k); p < comps.dependentsEnd(k); p++) {
        int d = comps.dependent(p);
        if (counts[k] < counts[d] + comps.size(k)) {
          throw new IllegalStateException(
              "component " + k + " reaches fewer nodes than its dependent " + d);
        }
      }
    }
  }

  /** One task: a row buffer and the blocks it takes from the shared counter. */
  private static final class BlockWorker {
    private final Components comps;
    private final int words;
    private final long[] rows;
    private final int[] rowMin;
    private final int[] rowMax;
    private final int[] counts;
    private final byte[] redundant;

    BlockWorker(Components comps, int words, byte[] redundant) {
      this.comps = comps;
      this.redundant = redundant;
      this.words = words;
      this.rows = new long[comps.count() * words];
      this.rowMin = new int[comps.count()];
      this.rowMax = new int[comps.count()];
      this.counts = new int[comps.count()];
    }

    int[] run(AtomicInteger nextBlock, int blocks, int n, Progress progress) {
      for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
        if (Thread.currentThread().isInterrupted()) {
          throw new CancellationException("profile interrupted");
        }
        int lo = b * words * 64;
        int hi = Math.min(n, lo + words * 64);
        block(lo, hi);
        progress.advance(1);
      }
      return counts;
    }

    /** Adds to {@link #counts} each component's reach within positions {@code [lo, hi)}. */
    private void block(int lo, int hi) {
      int top = comps.componentOf(comps.member(hi - 1));
      for (int c = top; c >= 0; c--) {
        int ownFrom = Math.max(comps.membersStart(c), lo) - lo;
        int ownTo = Math.min(comps.membersEnd(c), hi) - lo;
        int min = Integer.MAX_VALUE;
        int max = -1;
        if (ownFrom < ownTo) {
          min = ownFrom >>> 6;
          max = (ownTo - 1) >>> 6;
        }
        int depFrom = comps.dependentsStart(c);
        int depTo = comps.dependentsEnd(c);
        for (int p = depFrom; p < depTo; p++) {
          int d = comps.dependent(p);
          if (d > top) {
            break; // dependents are ascending; the rest start at or after hi
          }
          if (rowMax[d] >= 0 && redundant[p] == 0) {
            min = Math.min(min, rowMin[d]);
            max = Math.max(max, rowMax[d]);
          }
        }
        rowMax[c] = max;
        if (max < 0) {
          continue;
        }
        rowMin[c] = min;
        int base = c * words;
        java.util.Arrays.fill(rows, base + min, base + max + 1, 0L);
        if (ownFrom < ownTo) {
          setRange(base, ownFrom, ownTo);
        }
        // Ascending dependents: a lower one may reach a higher one, never the reverse. When d
        // starts in this block and its first position is already set, some dependent OR-ed
        // before reaches d, so reach(d) is already included: the edge is transitively redundant
        // (a fact about the graph, kept for the blocks that follow).
        for (int p = depFrom; p < depTo; p++) {
          int d = comps.dependent(p);
          if (d > top) {
            break;
          }
          if (rowMax[d] < 0 || redundant[p] != 0) {
            continue;
          }
          int start = comps.membersStart(d);
          if (start >= lo) {
            int bit = start - lo;
            if ((rows[base + (bit >>> 6)] & (1L << bit)) != 0) {
              redundant[p] = 1;
              continue;
            }
          }
          int dBase = d * words;
          for (int w = rowMin[d], end = rowMax[d]; w <= end; w++) {
            rows[base + w] |= rows[dBase + w];
          }
        }
        int count = 0;
        for (int w = min; w <= max; w++) {
          count += Long.bitCount(rows[base + w]);
        }
        counts[c] += count;
      }
    }

    private void setRange(int base, int from, int to) {
      int fw = from >>> 6;
      int lw = (to - 1) >>> 6;
      long first = -1L << from; // shifts are mod 64
      long last = -1L >>> (63 - ((to - 1) & 63));
      if (fw == lw) {
        rows[base + fw] |= first & last;
        return;
      }
      rows[base + fw] |= first;
      for (int w = fw + 1; w < lw; w++) {
        rows[base + w] = -1L;
      }
      rows[base + lw] |= last;
    }
  }
}
