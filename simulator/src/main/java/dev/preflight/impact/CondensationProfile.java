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
 * count — no weights for large components. This is the classic transitive closure of a DAG by
 * bitsets in topological order with word-parallel ORs (as petgraph's {@code
 * dag_transitive_reduction_closure}, petgraph/petgraph {@code src/algo/tred.rs}, over a {@code
 * FixedBitSet} per node), cut into column blocks so that the memory stays bounded.
 *
 * <p><b>Blocks.</b> A full matrix would take {@code C * V} bits (125 GB for a million nodes). The
 * positions are cut into blocks of at most {@link #BLOCK_WORDS} words; within block {@code [lo,
 * hi)} only the components that reach a position of the block have a non-empty row: the components
 * owning those positions and their transitive <em>inputs</em>. A block first collects that set
 * {@code S} by a search along the condensation's input edges, then visits {@code S} from the
 * highest component down, so its cost is {@code O(|S| log |S| + edges leaving S + OR-ed words)},
 * not {@code O(C + E_c)}: on a million-node graph most components never appear in most blocks. Each
 * row is stored in a per-task arena only over the word range it touches ({@code [rowMin, rowMax]},
 * the union of its own positions and its dependents' ranges), so a narrow row takes a few words.
 * When a block's rows do not fit the per-task budget, the block is split in two and each half done
 * on its own (down to one word, whose rows may then exceed the budget: at most {@code C} words).
 *
 * <p><b>Complexity:</b> with {@code B} blocks, {@code O(sum over blocks of (|S_b| log |S_b| + edges
 * of S_b + OR-ed words))} time — at most {@code O(B * (C log C + E_c) + E_c * V / 64)} — and {@code
 * O(budget + C)} memory per task, plus {@code O(V)} for the result. Iterative throughout.
 *
 * <p><b>Thread-safety:</b> stateless; the caller owns the executor. A worker's exception is
 * rethrown with its original type; an interrupt cancels with {@link CancellationException}.
 *
 * <p><b>Invariants</b> (checked at the end): each component's count is at least its size, and at
 * least its size plus the count of each of its dependents (their rebuild sets are strict subsets).
 * Results are independent of the task count and of the block sizes: counts are integer sums over
 * disjoint blocks.
 */
public final class CondensationProfile implements ProfileEngine {
  /** Default row-arena budget per task. */
  public static final long DEFAULT_BUDGET_BYTES = 8L << 20;

  /**
   * The widest block, in words: 65,536 positions. Wider blocks repeat the search for each block's
   * set fewer times but hold more rows; a block that does not fit the budget is split anyway.
   */
  static final int BLOCK_WORDS = 1024;

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
    int blockWords = Math.min(allWords, BLOCK_WORDS);
    int blockBits = blockWords * 64;
    int blocks = (n + blockBits - 1) / blockBits;
    int tasks = Math.max(1, Math.min(parallelism, blocks));
    progress.start("impact profile", blocks, "blocks");
    AtomicInteger nextBlock = new AtomicInteger();
    // Condensation edges found transitively redundant, shared by the tasks (see BlockWorker).
    byte[] redundant = new byte[comps.edgeCount()];
    long arenaWords = Math.max(1, budgetBytes / 8);
    List<Future<int[]>> futures = new ArrayList<>(tasks);
    int[] counts = new int[c];
    try {
      for (int t = 0; t < tasks; t++) {
        futures.add(
            executor.submit(
                () ->
                    new BlockWorker(comps, arenaWords, redundant)
                        .run(nextBlock, blocks, blockBits, n, progress)));
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

  /** One task: its arena of rows and the blocks it takes from the shared counter. */
  private static final class BlockWorker {
    private final Components comps;
    private final long budgetWords;
    private final byte[] redundant;
    private final int[] counts;

    /** {@code mark[c] == stamp}: c is in the current block's set S. */
    private final int[] mark;

    /** Row c's word w is at {@code arena[offset[c] + w]} for w in [rowMin[c], rowMax[c]]. */
    private final int[] offset;

    private final int[] rowMin;
    private final int[] rowMax;
    private int[] set;
    private long[] arena = new long[0];
    private int stamp;

    BlockWorker(Components comps, long budgetWords, byte[] redundant) {
      int c = comps.count();
      this.comps = comps;
      this.budgetWords = budgetWords;
      this.redundant = redundant;
      this.counts = new int[c];
      this.mark = new int[c];
      this.offset = new int[c];
      this.rowMin = new int[c];
      this.rowMax = new int[c];
      this.set = new int[Math.min(c, 1024)];
    }

    int[] run(AtomicInteger nextBlock, int blocks, int blockBits, int n, Progress progress) {
      int[] pending = new int[64];
      for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
        // A stack of [lo, hi) ranges: a range whose rows overflow the arena is split in two.
        int top = 0;
        pending[top++] = b * blockBits;
        pending[top++] = Math.min(n, (b + 1) * blockBits);
        while (top > 0) {
          if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("profile interrupted");
          }
          int hi = pending[--top];
          int lo = pending[--top];
          if (!block(lo, hi)) {
            // On a word boundary, both halves non-empty (the range is wider than one word).
            int mid = lo + Math.max(1, (hi - lo) / 128) * 64;
            if (top + 4 > pending.length) {
              pending = java.util.Arrays.copyOf(pending, pending.length * 2);
            }
            pending[top++] = mid;
            pending[top++] = hi;
            pending[top++] = lo;
            pending[top++] = mid;
          }
        }
        progress.advance(1);
      }
      return counts;
    }

    /**
     * Adds to {@link #counts} each component's reach within positions {@code [lo, hi)} ({@code lo}
     * on a word boundary); false, with nothing added, when the rows do not fit the budget and the
     * range can still be split.
     */
    private boolean block(int lo, int hi) {
      int size = collect(lo, hi);
      int[] s = set;
      java.util.Arrays.sort(s, 0, size);
      boolean splittable = hi - lo > 64;
      long used = 0;
      // First pass: each row's word range, and the arena it needs (all rows live at once).
      for (int i = size - 1; i >= 0; i--) {
        int c = s[i];
        int min = Integer.MAX_VALUE;
        int max = -1;
        int ownFrom = Math.max(comps.membersStart(c), lo) - lo;
        int ownTo = Math.min(comps.membersEnd(c), hi) - lo;
        if (ownFrom < ownTo) {
          min = ownFrom >>> 6;
          max = (ownTo - 1) >>> 6;
        }
        for (int p = comps.dependentsStart(c), end = comps.dependentsEnd(c); p < end; p++) {
          int d = comps.dependent(p);
          if (mark[d] == stamp && redundant[p] == 0) {
            min = Math.min(min, rowMin[d]);
            max = Math.max(max, rowMax[d]);
          }
        }
        rowMin[c] = min;
        rowMax[c] = max;
        offset[c] = (int) used - min;
        used += max - min + 1;
        if (splittable && used > budgetWords) {
          return false;
        }
      }
      if (used > arena.length) {
        if (used > Integer.MAX_VALUE - 8) {
          throw new IllegalStateException("profile block needs more than 2^31 words");
        }
        arena = new long[(int) Math.max(used, Math.min(budgetWords, 2L * arena.length))];
      }
      long[] rows = arena;
      for (int i = size - 1; i >= 0; i--) {
        int c = s[i];
        int min = rowMin[c];
        int max = rowMax[c];
        int base = offset[c];
        java.util.Arrays.fill(rows, base + min, base + max + 1, 0L);
        int ownFrom = Math.max(comps.membersStart(c), lo) - lo;
        int ownTo = Math.min(comps.membersEnd(c), hi) - lo;
        if (ownFrom < ownTo) {
          setRange(rows, base, ownFrom, ownTo);
        }
        // Ascending dependents: a lower one may reach a higher one, never the reverse. When d
        // starts in this block and its first position is already set, some dependent OR-ed
        // before reaches d, so reach(d) is already included: the edge is transitively redundant
        // (a fact about the graph, kept for the blocks that follow).
        for (int p = comps.dependentsStart(c), end = comps.dependentsEnd(c); p < end; p++) {
          int d = comps.dependent(p);
          if (mark[d] != stamp || redundant[p] != 0) {
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
          int dBase = offset[d];
          for (int w = rowMin[d], e = rowMax[d]; w <= e; w++) {
            rows[base + w] |= rows[dBase + w];
          }
        }
        int count = 0;
        for (int w = min; w <= max; w++) {
          count += Long.bitCount(rows[base + w]);
        }
        counts[c] += count;
      }
      return true;
    }

    /**
     * Collects into {@link #set} the components with a non-empty row in {@code [lo, hi)}: the
     * owners of those positions and, by a search along input edges, everything they need; marks
     * them with a new {@link #stamp}. Returns how many.
     */
    private int collect(int lo, int hi) {
      if (++stamp == 0) {
        java.util.Arrays.fill(mark, 0);
        stamp = 1;
      }
      int size = 0;
      int first = comps.componentOf(comps.member(lo));
      int last = comps.componentOf(comps.member(hi - 1));
      for (int c = first; c <= last; c++) {
        mark[c] = stamp;
        size = add(size, c);
      }
      for (int head = 0; head < size; head++) {
        int x = set[head];
        for (int p = comps.inputsStart(x), end = comps.inputsEnd(x); p < end; p++) {
          int y = comps.input(p);
          if (mark[y] != stamp) {
            mark[y] = stamp;
            size = add(size, y);
          }
        }
      }
      return size;
    }

    private int add(int size, int c) {
      if (size == set.length) {
        set = java.util.Arrays.copyOf(set, Math.min(comps.count(), set.length * 2));
      }
      set[size] = c;
      return size + 1;
    }

    private static void setRange(long[] rows, int base, int from, int to) {
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
